/**
 * Binds a <textarea> to a Y.Text (the interviewer's notes): local input becomes the smallest
 * delete/insert at the changed span, remote changes are written back keeping the caret.
 */
import type * as Y from 'yjs';

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  const origin = Symbol('notes-textarea');
  textarea.value = text.toString();
  const onInput = () => {
    const before = text.toString();
    const after = textarea.value.replace(/\r\n?/g, '\n');
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
    text.doc?.transact(() => {
      if (before.length - start - end > 0) text.delete(start, before.length - start - end);
      if (after.length - start - end > 0) text.insert(start, after.slice(start, after.length - end));
    }, origin);
  };
  const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const { selectionStart, selectionEnd } = textarea;
    textarea.value = text.toString();
    textarea.setSelectionRange(selectionStart, selectionEnd);
  };
  textarea.addEventListener('input', onInput);
  text.observe(onRemote);
  return () => {
    textarea.removeEventListener('input', onInput);
    text.unobserve(onRemote);
  };
}
