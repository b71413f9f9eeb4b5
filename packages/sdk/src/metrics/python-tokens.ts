/**
 * Python source as normalized tokens for similarity: identifiers become `V`, numbers `N`, strings
 * `S`, comments vanish; keywords, punctuation and operators stay. Renaming variables and editing
 * comments or whitespace therefore change nothing. Uses @lezer/python (pure JS, error-tolerant:
 * code that does not parse still yields tokens).
 */
import { parser } from '@lezer/python';

export interface PyToken {
  token: string;
  /** UTF-16 offsets in the source. */
  from: number;
  to: number;
}

const IDENTIFIERS = new Set(['VariableName', 'PropertyName', 'TypeName']);
const NUMBERS = new Set(['Number']);
const STRINGS = new Set(['String', 'FormatString', 'ContinuedString', 'Escape']);
const SKIPPED = new Set(['Comment', '⚠']);
/** Operator node names whose text matters (`+` vs `-`). */
const OPERATORS = new Set(['ArithOp', 'CompareOp', 'UpdateOp', 'AssignOp', 'BitOp', 'LogicOp']);

export function pythonTokens(code: string): PyToken[] {
  const tokens: PyToken[] = [];
  parser.parse(code).iterate({
    enter(node) {
      const name = node.name;
      if (STRINGS.has(name)) {
        tokens.push({ token: 'S', from: node.from, to: node.to });
        return false; // a format string's parts are one literal
      }
      if (node.node.firstChild) return undefined;
      if (SKIPPED.has(name) || node.from === node.to) return undefined;
      const token = IDENTIFIERS.has(name) ? 'V' : NUMBERS.has(name) ? 'N' : OPERATORS.has(name) ? code.slice(node.from, node.to) : name;
      tokens.push({ token, from: node.from, to: node.to });
      return undefined;
    },
  });
  return tokens;
}
