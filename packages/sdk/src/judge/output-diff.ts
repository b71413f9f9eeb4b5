/**
 * A compact unified diff of expected vs actual output, for sample runs. Common leading and trailing
 * lines are trimmed first; the middle is diffed with Myers' algorithm up to an edit budget, beyond
 * which the middle is shown as one removed block and one added block, so giant outputs stay cheap.
 */
export interface OutputDiffOptions {
  /** Lines of diff output at most, headers included (default 40). */
  maxLines?: number;
  /** Unchanged lines shown around each change (default 2). */
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; text: string };

const NO_EOL = '\u0000no-eol';
const MAX_EDITS = 400;
const MAX_LINE_CHARS = 200;

/** Returns '' when the texts are equal. */
export function outputDiff(expected: string, actual: string, opts: OutputDiffOptions = {}): string {
  if (expected === actual) return '';
  const maxLines = Math.max(4, opts.maxLines ?? 40);
  const context = Math.max(0, opts.context ?? 2);
  const a = splitLines(expected);
  const b = splitLines(actual);

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  const middle = myers(middleA, middleB, MAX_EDITS) ?? [
    ...middleA.map((text): Op => ({ kind: '-', text })),
    ...middleB.map((text): Op => ({ kind: '+', text })),
  ];

  const lead = Math.min(context, prefix);
  const trail = Math.min(context, suffix);
  const ops: Op[] = [
    ...a.slice(prefix - lead, prefix).map((text): Op => ({ kind: ' ', text })),
    ...middle,
    ...a.slice(a.length - suffix, a.length - suffix + trail).map((text): Op => ({ kind: ' ', text })),
  ];
  const lines = ['--- expected', '+++ actual', ...renderHunks(ops, prefix - lead, context)];
  if (lines.length <= maxLines) return lines.join('\n');
  const shown = lines.slice(0, maxLines - 1);
  return [...shown, `… ${lines.length - shown.length} more diff lines`].join('\n');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** Groups ops into hunks with `context` unchanged lines around changes; `start` = lines before ops[0]. */
function renderHunks(ops: Op[], start: number, context: number): string[] {
  const out: string[] = [];
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let aLine = start;
  let bLine = start;
  let cursor = 0;
  let h = 0;
  while (h < changed.length) {
    // Extend the hunk while the next change is within 2·context unchanged lines.
    let last = h;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++;
    const from = Math.max(cursor, changed[h]! - context);
    const to = Math.min(ops.length, changed[last]! + context + 1);
    for (; cursor < from; cursor++) {
      aLine++;
      bLine++;
    }
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    for (let i = from; i < to; i++) {
      const op = ops[i]!;
      if (op.kind !== '+') aCount++;
      if (op.kind !== '-') bCount++;
      body.push(op.kind + display(op.text));
      if (op.text.endsWith(NO_EOL)) body.push('\\ No newline at end of file');
    }
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`, ...body);
    aLine += aCount;
    bLine += bCount;
    cursor = to;
    h = last + 1;
  }
  return out;
}

function range(before: number, count: number): string {
  if (count === 0) return `${before},0`;
  return count === 1 ? `${before + 1}` : `${before + 1},${count}`;
}

function display(line: string): string {
  const text = (line.endsWith(NO_EOL) ? line.slice(0, -NO_EOL.length) : line).replace(/\r/g, '\\r');
  return text.length <= MAX_LINE_CHARS ? text : `${text.slice(0, MAX_LINE_CHARS)}… (${text.length} chars)`;
}

/** Myers' O((N+M)·D) shortest edit script; null when more than `maxEdits` edits are needed. */
function myers(a: string[], b: string[], maxEdits: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  const limit = Math.min(n + m, maxEdits);
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(a, b, trace);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!; // index k + (d - 1)
    const k = x - y;
    const down = k === -d || (k !== d && previous[k - 1 + d - 1]! < previous[k + 1 + d - 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[prevK + d - 1]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', text: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: '+', text: b[--y]! });
    else ops.push({ kind: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', text: a[--x]! });
    y--;
  }
  return ops.reverse();
}
