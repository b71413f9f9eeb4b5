import type { CheckOutcome } from './check-outcome.js';
import { CheckerError, clip } from './check-outcome.js';
import { formatCExponent } from './c-float.js';
import type { DefaultValidatorFlags } from './checker-spec.js';
import type { JsonNode } from './json-lexemes.js';
import { JsonSyntaxError, parseJsonLexemes } from './json-lexemes.js';

/**
 * Checks a function problem's return value (JSON) against the answer (JSON): deep equality, object
 * keys in any order, numbers equal when numerically equal (3 == 3.0; integers exactly, beyond 2^53
 * too) or, when a float tolerance is set, when |a-b| <= abs or |a-b| <= rel·|a| (a = answer).
 * Strings are compared exactly; `case_sensitive`/`space_change_sensitive` do not apply to JSON.
 * Throws CheckerError(ANSWER_INVALID) when the answer itself is not JSON (a judge fault).
 */
export function jsonAnswerValidator(
  outputJson: string,
  answerJson: string,
  flags: DefaultValidatorFlags = {},
): CheckOutcome {
  let expected: JsonNode;
  try {
    expected = parseJsonLexemes(answerJson);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new CheckerError('ANSWER_INVALID', `Answer is not valid JSON: ${error.message}`);
    throw error;
  }
  let actual: JsonNode;
  try {
    actual = parseJsonLexemes(outputJson);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: `Output is not valid JSON: ${error.message}` };
    throw error;
  }
  const absolute = flags.float_absolute_tolerance ?? flags.float_tolerance ?? -1;
  const relative = flags.float_relative_tolerance ?? flags.float_tolerance ?? -1;
  const mismatch = firstMismatch(expected, actual, '$', { absolute, relative });
  return mismatch === null ? { ok: true } : { ok: false, message: mismatch };
}

interface Tolerances {
  absolute: number;
  relative: number;
}

function firstMismatch(expected: JsonNode, actual: JsonNode, path: string, tol: Tolerances): string | null {
  // Iterative over a stack so deeply nested values cannot overflow the call stack.
  const stack: Array<[JsonNode, JsonNode, string]> = [[expected, actual, path]];
  while (stack.length > 0) {
    const [want, got, at] = stack.pop()!;
    const problem = compareShallow(want, got, at, tol, stack);
    if (problem !== null) return problem;
  }
  return null;
}

/** Compares one level; pushes children (in reverse, so the first mismatch in document order wins). */
function compareShallow(
  want: JsonNode,
  got: JsonNode,
  at: string,
  tol: Tolerances,
  stack: Array<[JsonNode, JsonNode, string]>,
): string | null {
  if (want.kind !== got.kind) return `${at}: expected ${render(want)}, got ${render(got)}`;
  switch (want.kind) {
    case 'number':
      return numbersMatch(want, got as typeof want, tol) ? null : numberMismatch(want, got as typeof want, at, tol);
    case 'string':
    case 'boolean':
      return want.value === (got as typeof want).value ? null : `${at}: expected ${render(want)}, got ${render(got)}`;
    case 'null':
      return null;
    case 'array': {
      const items = (got as typeof want).items;
      if (items.length !== want.items.length) {
        return `${at}: expected an array of ${want.items.length} item${want.items.length === 1 ? '' : 's'}, got ${items.length}: ${render(got)}`;
      }
      for (let i = want.items.length - 1; i >= 0; i--) stack.push([want.items[i]!, items[i]!, `${at}[${i}]`]);
      return null;
    }
    case 'object': {
      const entries = (got as typeof want).entries;
      for (const [key, value] of want.entries) {
        if (!entries.has(key)) return `${keyPath(at, key)}: missing key (expected ${render(value)})`;
      }
      for (const [key, value] of entries) {
        if (!want.entries.has(key)) return `${keyPath(at, key)}: unexpected key (got ${render(value)})`;
      }
      const keys = [...want.entries.keys()];
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push([want.entries.get(key)!, entries.get(key)!, keyPath(at, key)]);
      }
      return null;
    }
  }
}

type NumberNode = Extract<JsonNode, { kind: 'number' }>;
const INTEGER = /^-?\d+$/;

function numbersMatch(want: NumberNode, got: NumberNode, tol: Tolerances): boolean {
  if (Number.isNaN(want.value) || Number.isNaN(got.value)) return Number.isNaN(want.value) && Number.isNaN(got.value);
  if (want.value === got.value) {
    // Doubles agree; integers past 2^53 may still differ in their digits.
    return !(INTEGER.test(want.text) && INTEGER.test(got.text)) || BigInt(want.text) === BigInt(got.text);
  }
  if (tol.absolute < 0 && tol.relative < 0) return false;
  const difference = Math.abs(want.value - got.value);
  return difference <= tol.absolute || difference <= tol.relative * Math.abs(want.value);
}

function numberMismatch(want: NumberNode, got: NumberNode, at: string, tol: Tolerances): string {
  const base = `${at}: expected ${want.text}, got ${got.text}`;
  if (tol.absolute < 0 && tol.relative < 0) return base;
  const tolerances = [
    tol.absolute >= 0 ? `abs tol ${formatCExponent(tol.absolute)}` : null,
    tol.relative >= 0 ? `rel tol ${formatCExponent(tol.relative)}` : null,
  ].filter((part) => part !== null);
  return `${base} (difference ${formatCExponent(want.value - got.value)} exceeds ${tolerances.join(', ')})`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keyPath(at: string, key: string): string {
  return IDENTIFIER.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
}

/** Compact JSON for messages, cut short for big values. */
function render(node: JsonNode, budget = 100): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= budget;
  };
  const walk = (n: JsonNode): boolean => {
    switch (n.kind) {
      case 'number':
        return write(n.text);
      case 'string':
        return write(JSON.stringify(clip(n.value, budget)));
      case 'boolean':
        return write(String(n.value));
      case 'null':
        return write('null');
      case 'array': {
        if (!write('[')) return false;
        for (let i = 0; i < n.items.length; i++) {
          if ((i > 0 && !write(',')) || !walk(n.items[i]!)) return false;
        }
        return write(']');
      }
      case 'object': {
        if (!write('{')) return false;
        let first = true;
        for (const [key, value] of n.entries) {
          if ((!first && !write(',')) || !write(`${JSON.stringify(key)}:`) || !walk(value)) return false;
          first = false;
        }
        return write('}');
      }
    }
  };
  const complete = walk(node);
  const text = parts.join('');
  return complete ? text : `${text.slice(0, budget)}…`;
}
