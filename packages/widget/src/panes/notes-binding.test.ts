import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { bindTextarea } from './notes-binding.js';

/** Enough of a <textarea> for the binding (the unit tests run in Node). */
function fakeTextarea() {
  const listeners: (() => void)[] = [];
  return {
    value: '',
    selectionStart: 0,
    selectionEnd: 0,
    addEventListener: (_: string, listener: () => void) => listeners.push(listener),
    removeEventListener: () => listeners.splice(0),
    setSelectionRange(start: number, end: number) {
      this.selectionStart = start;
      this.selectionEnd = end;
    },
    type(value: string) {
      this.value = value;
      listeners.forEach((l) => l());
    },
  };
}

test('local typing becomes minimal edits that merge with a partner\'s concurrent edits', () => {
  const [mine, theirs] = [new Y.Doc(), new Y.Doc()];
  mine.getText('notes').insert(0, 'good hashing');
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  const textarea = fakeTextarea();
  const unbind = bindTextarea(textarea as unknown as HTMLTextAreaElement, mine.getText('notes'));
  expect(textarea.value).toBe('good hashing');

  textarea.type('very good hashing');
  theirs.getText('notes').insert(12, ', weak tests'); // concurrently, at the end
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
  expect(mine.getText('notes').toString()).toBe('very good hashing, weak tests');
  expect(textarea.value).toBe('very good hashing, weak tests');
  unbind();
});
