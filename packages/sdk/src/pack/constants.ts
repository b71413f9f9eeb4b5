import { isMap, isScalar, parseDocument } from 'yaml';

/**
 * problem.yaml `constants` (2023-07+). Spec: "All constant sequences in the following files will
 * be replaced by the value of the corresponding constant: Markdown problem statements, input and
 * output validators, included code, example submissions, test_group.yaml" (testdata.yaml in
 * 2023-07); "Constant sequences are not replaced in test data files or in problem.yaml itself."
 */
export type Constants = Readonly<Record<string, string>>;

const SEQUENCE = /\{\{([a-zA-Z_][a-zA-Z0-9_]*)\}\}/g;
const LATEX_COMMAND = /\\constant\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;

/**
 * Each constant as its author wrote it: `1e-6` stays `1e-6` (a number's value would print as
 * 0.000001, which a C validator's strtod reads the same but a statement would not show the same).
 */
export function constantsFromProblemYaml(source: string): Constants {
  const doc = parseDocument(source);
  const map = doc.get('constants', true);
  const out: Record<string, string> = {};
  if (!isMap(map)) return out;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const { value, source: written } = pair.value as { value: unknown; source?: string };
    out[String(pair.key.value)] = typeof value === 'string' ? value : (written ?? String(value));
  }
  return out;
}

/** Replaces every `{{name}}` whose name is a constant; other `{{…}}` tags stay as they are. */
export function substituteConstants(text: string, constants: Constants): string {
  return replaceWith(text, SEQUENCE, constants);
}

/** LaTeX statements use `\constant{name}` instead of `{{name}}`. */
export function substituteLatexConstants(text: string, constants: Constants): string {
  return replaceWith(text, LATEX_COMMAND, constants);
}

/** The same substitution over every file of a program (a validator, included code, a submission). */
export function substituteInFiles(files: Readonly<Record<string, string>>, constants: Constants): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [path, substituteConstants(text, constants)]));
}

function replaceWith(text: string, pattern: RegExp, constants: Constants): string {
  if (Object.keys(constants).length === 0) return text;
  return text.replace(pattern, (whole, name: string) => (Object.hasOwn(constants, name) ? constants[name]! : whole));
}
