import { parseDocument } from 'yaml';
import { expect, test } from 'vitest';
import { appendToTopLevelSequence } from './yaml-append.js';

const append = (text: string, value: string) => appendToTopLevelSequence(text, parseDocument(text), 'problems', value);

test('appends to a block sequence, keeping comments and layout byte for byte', () => {
  const text = 'name: "@a/b"   # keep me\nruntime: {image: "x", language: python}\nproblems:     # in order\n  - one\n  - two   # last\n# trailing comment\n';
  expect(append(text, 'three')).toBe(
    'name: "@a/b"   # keep me\nruntime: {image: "x", language: python}\nproblems:     # in order\n  - one\n  - two   # last\n  - three\n# trailing comment\n',
  );
  expect(append('problems:\n- a', 'b')).toBe('problems:\n- a\n- b');
});

test('appends to flow sequences, empty or not', () => {
  expect(append('problems: [a, b]  # ids\ntitle: T\n', 'c')).toBe('problems: [a, b, c]  # ids\ntitle: T\n');
  expect(append('problems: []\n', 'c')).toBe('problems: [c]\n');
  expect(append('problems: [\n  a,\n  b\n]\n', 'c')).toBe('problems: [\n  a,\n  b, c\n]\n');
});

test('quotes values YAML would read as something else', () => {
  expect(append('problems: [a]\n', '123')).toBe('problems: [a, "123"]\n');
  expect(append('problems:\n  - a\n', 'true')).toBe('problems:\n  - a\n  - "true"\n');
});
