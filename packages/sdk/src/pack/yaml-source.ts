import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import type { PackIssue } from './errors.js';
import { packErrorMap, toPackIssues } from './zod-issues.js';

export interface ParsedYaml {
  value: unknown;
  issues: PackIssue[];
}

/** Line and column (1-based) of a dotted field in a parsed document, for pointing at the mistake. */
function locate(doc: Document, lines: LineCounter, field: string | undefined, atKey: boolean): { line: number; column: number } | null {
  if (!field) return null;
  const path = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // A missing key has no node: point at the mapping that lacks it (but not at the whole file).
  for (let depth = path.length; depth >= 1; depth--) {
    const found = locateNode(doc, lines, path.slice(0, depth), atKey && depth === path.length);
    if (found) return found;
  }
  return null;
}

function locateNode(doc: Document, lines: LineCounter, path: Array<string | number>, atKey: boolean): { line: number; column: number } | null {
  // A wrong value is pointed at; an unknown key (or a key with an empty value) at the key itself.
  const parent = doc.getIn(path.slice(0, -1), true);
  let node: unknown = doc.getIn(path, true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === path.at(-1));
    if (pair && isScalar(pair.key)) node = atKey ? pair.key : (pair.value ?? pair.key);
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return null;
  const pos = lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/** Parse YAML; syntax errors become issues naming the file, line and column. */
export function parseYaml(text: string, file: string): ParsedYaml & { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const issues: PackIssue[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
  });
  return { value: issues.length ? undefined : doc.toJS(), issues, doc, lines };
}

/** Parse and validate a YAML file against a schema; every problem is returned as an issue. */
export function parseYamlWith<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): { data: z.output<S> | undefined; raw: unknown; issues: PackIssue[] } {
  const parsed = parseYaml(text, file);
  if (parsed.issues.length) return { data: undefined, raw: undefined, issues: parsed.issues };
  // An empty file is an empty mapping, as in Kattis (an empty problem.yaml is allowed).
  const raw = parsed.value ?? {};
  const result = schema.safeParse(raw, { error: packErrorMap, reportInput: true });
  if (result.success) return { data: result.data, raw, issues: [] };
  const issues = toPackIssues(result.error, file).map(({ aboutKey, ...issue }): PackIssue => {
    const pos = locate(parsed.doc, parsed.lines, issue.field, aboutKey === true);
    return pos ? { ...issue, ...pos } : issue;
  });
  // Zod reports in schema order; authors read top to bottom. Missing keys (no position) go last.
  const at = (i: PackIssue) => (i.line ?? Infinity) * 1e6 + (i.column ?? 0);
  issues.sort((a, b) => at(a) - at(b));
  return { data: undefined, raw, issues };
}
