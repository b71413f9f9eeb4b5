import { isSeq, parse, parseDocument, type Document } from 'yaml';

/**
 * Append a string to a top-level YAML sequence by editing the text itself, so everything else in
 * the file (comments, spacing, flow maps, quoting) stays byte for byte as the author wrote it.
 * Re-serialising the document with the yaml package would normalise that layout. Falls back to the
 * Document API when the sequence has a shape the text edit does not handle; the result is always
 * checked by parsing it again.
 */
export function appendToTopLevelSequence(text: string, doc: Document, key: string, value: string): string {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) throw new Error(`${key} is not a sequence`);
  const expected = [...(doc.toJS() as Record<string, unknown[]>)[key]!, value];
  const scalar = parse(value) === value ? value : JSON.stringify(value);

  const edited = textualAppend(text, seq, scalar);
  if (edited !== null && sameList((parse(edited) as Record<string, unknown> | null)?.[key], expected)) return edited;

  const copy = parseDocument(text);
  (copy.get(key, true) as typeof seq).add(copy.createNode(value));
  return copy.toString();
}

function textualAppend(text: string, seq: { flow?: boolean; items: unknown[]; range?: [number, number, number] | null }, scalar: string): string | null {
  const range = seq.range;
  if (!range) return null;
  if (seq.flow) {
    // `[a, b]` → `[a, b, c]`; `[]` → `[c]`.
    const close = text.lastIndexOf(']', range[1]);
    if (close < range[0]) return null;
    const sep = seq.items.length ? ', ' : '';
    const before = text.slice(0, close).replace(/\s*$/, '');
    return `${before}${sep}${scalar}${text.slice(before.length)}`;
  }
  const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
  const first = seq.items[0] as { range?: [number, number, number] } | undefined;
  if (!last?.range || !first?.range) return null;
  // New line with the same `  - ` prefix as the first item, after the last item's line (and its comment).
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const prefix = text.slice(lineStart, first.range[0]);
  if (!/^\s*-\s+$/.test(prefix)) return null;
  const eol = text.indexOf('\n', last.range[1]);
  const at = eol === -1 ? text.length : eol;
  return `${text.slice(0, at)}\n${prefix}${scalar}${text.slice(at)}`;
}

function sameList(a: unknown, b: unknown[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}
