import type { CheckOutcome } from './check-outcome.js';

const encoder = new TextEncoder();

/** Byte-exact comparison (`checker: exact`): whitespace and case count, including the final newline. */
export function exactValidator(output: string | Uint8Array, answer: string): CheckOutcome {
  const actual = typeof output === 'string' ? encoder.encode(output) : output;
  const expected = encoder.encode(answer);
  const common = Math.min(actual.length, expected.length);
  let index = 0;
  while (index < common && actual[index] === expected[index]) index++;
  if (index === common && actual.length === expected.length) return { ok: true };

  const { line, column } = positionOf(expected, index);
  const where = `line ${line}, column ${column} (byte ${index})`;
  if (index === actual.length) {
    return { ok: false, message: `Output ends at ${where}; the answer has ${expected.length - index} more byte(s): ${describe(expected[index])}` };
  }
  if (index === expected.length) {
    return { ok: false, message: `Output has ${actual.length - index} extra byte(s) from ${where}: ${describe(actual[index])}` };
  }
  return {
    ok: false,
    message: `Output differs from the answer at ${where}: expected ${describe(expected[index])}, got ${describe(actual[index])}`,
  };
}

function positionOf(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

const NAMED: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x20: 'space' };

function describe(byte: number | undefined): string {
  if (byte === undefined) return 'end of output';
  const named = NAMED[byte];
  if (named) return `'${named}'`;
  if (byte >= 0x21 && byte <= 0x7e) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
