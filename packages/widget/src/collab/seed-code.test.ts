import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { seedCode } from './seed-code.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

test('two participants seeding an empty room at once get the starter code once', () => {
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  seedCode(a, 'def f():\r\n    ...\n', 'seed');
  seedCode(b, 'def f():\r\n    ...\n', 'seed');
  sync(a, b);
  expect(a.getText('code').toString()).toBe('def f():\n    ...\n');
  expect(b.getText('code').toString()).toBe(a.getText('code').toString());
});

test('a room whose code was cleared is not seeded again', () => {
  const doc = new Y.Doc();
  seedCode(doc, 'starter', 'seed');
  doc.getText('code').delete(0, doc.getText('code').length);
  seedCode(doc, 'starter', 'seed');
  expect(doc.getText('code').toString()).toBe('');
});
