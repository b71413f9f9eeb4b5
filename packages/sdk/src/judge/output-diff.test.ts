import { describe, expect, it } from 'vitest';
import { outputDiff } from './output-diff.js';

const lines = (n: number, f: (i: number) => string = String) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';

describe('outputDiff', () => {
  it('is empty for equal texts', () => {
    expect(outputDiff('a\nb\n', 'a\nb\n')).toBe('');
    expect(outputDiff('', '')).toBe('');
  });

  it('shows one changed line with two lines of context', () => {
    expect(outputDiff(lines(10), lines(10, (i) => (i === 5 ? 'X' : String(i))))).toBe(
      ['--- expected', '+++ actual', '@@ -3,5 +3,5 @@', ' 3', ' 4', '-5', '+X', ' 6', ' 7'].join('\n'),
    );
  });

  it('finds a minimal diff for insertions and deletions', () => {
    expect(outputDiff('a\nb\nc\n', 'b\nc\nd\n')).toBe(['--- expected', '+++ actual', '@@ -1,3 +1,3 @@', '-a', ' b', ' c', '+d'].join('\n'));
  });

  it('splits distant changes into separate hunks with correct line numbers', () => {
    const actual = lines(30, (i) => (i === 3 || i === 25 ? `${i}!` : String(i)));
    expect(outputDiff(lines(30), actual)).toBe(
      ['--- expected', '+++ actual', '@@ -1,5 +1,5 @@', ' 1', ' 2', '-3', '+3!', ' 4', ' 5', '@@ -23,5 +23,5 @@', ' 23', ' 24', '-25', '+25!', ' 26', ' 27'].join('\n'),
    );
  });

  it('marks a missing final newline', () => {
    expect(outputDiff('a\nb\n', 'a\nb')).toBe(
      ['--- expected', '+++ actual', '@@ -1,2 +1,2 @@', ' a', '-b', '+b', '\\ No newline at end of file'].join('\n'),
    );
  });

  it('handles empty sides and makes carriage returns visible', () => {
    expect(outputDiff('', 'x\n')).toBe(['--- expected', '+++ actual', '@@ -0,0 +1 @@', '+x'].join('\n'));
    expect(outputDiff('x\n', '')).toBe(['--- expected', '+++ actual', '@@ -1 +0,0 @@', '-x'].join('\n'));
    expect(outputDiff('1\n', '1\r\n')).toContain('+1\\r');
  });

  it('caps the number of lines and the line length', () => {
    const diff = outputDiff(lines(100), lines(100, (i) => `${i}?`), { maxLines: 10 });
    const out = diff.split('\n');
    expect(out).toHaveLength(10);
    expect(out[9]).toMatch(/^… \d+ more diff lines$/);
    const wide = outputDiff('a\n', `${'z'.repeat(5000)}\n`);
    expect(wide.length).toBeLessThan(400);
    expect(wide).toContain('(5000 chars)');
  });

  it('stays fast on large, completely different outputs', () => {
    const started = performance.now();
    const diff = outputDiff(lines(50_000), lines(50_000, (i) => String(i * 7)), { maxLines: 20 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(diff.split('\n')).toHaveLength(20);
    expect(diff).toContain('@@ -1,50000 +1,50000 @@');
  });
});
