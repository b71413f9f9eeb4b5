import * as z from 'zod';
import { COMPLEXITY_CLASSES, parseComplexityClass } from '../judge/complexity/classes.js';
import { describeValue, expected } from './zod-issues.js';

/** duet.yaml: Duet's per-problem additions beside the Kattis problem.yaml. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const identifier = (what: string) => z.string(expected(`${what}, a Python identifier`)).regex(IDENTIFIER);

/** One of the fitter's classes (DESIGN §4), written the way authors do (`O(nlogn)`, `O(n²)`), stored canonical. */
const CLASS_LIST = `one of ${COMPLEXITY_CLASSES.join(', ')}`;
const complexityClass = z.string(expected(CLASS_LIST)).transform((text, ctx) => {
  const cls = parseComplexityClass(text);
  if (cls) return cls;
  ctx.issues.push({ code: 'custom', input: text, message: `expected ${CLASS_LIST}, got ${describeValue(text)}` });
  return z.NEVER;
});

const functionInterface = z.strictObject({
  type: z.literal('function'),
  entry: identifier('the function to call'),
  params: z
    .array(
      z.strictObject({
        name: identifier('the parameter name'),
        type: z.string(expected('a type annotation, e.g. "list[int]"')).min(1),
      }),
      expected('a list of {name, type} parameters'),
    )
    .default([]),
  returns: z.string(expected('the return type annotation, e.g. "int"')).min(1),
});

export const interfaceSchema = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('stdio') }), functionInterface]);

export const duetYamlSchema = z.strictObject({
  interface: interfaceSchema.default({ type: 'stdio' }),
  checker: z.enum(['default', 'exact'], expected('default (follow problem.yaml) or exact (byte-exact)')).default('default'),
  difficulty: z.enum(['easy', 'medium', 'hard'], expected('easy, medium or hard')).optional(),
  tags: z.array(z.string(expected('a tag')).min(1), expected('a list of tags')).default([]),
  /** Seconds; otherwise computed from the accepted submissions, Kattis-style. */
  time_limit: z.number(expected('a positive number of seconds')).positive().optional(),
  /** Starter code per language shown in the editor; Python is the only runtime so far. */
  starter: z.strictObject({ python: z.string(expected('the Python starter code')).optional() }).default({}),
  complexity: z
    .strictObject({
      expected_time: complexityClass.optional(),
      expected_space: complexityClass.optional(),
      generator: z.string(expected('a path in the problem folder, e.g. generators/probe.py')).min(1).optional(),
      max_n: z.number(expected('a positive whole number')).int().positive().optional(),
    })
    .optional(),
});

export type DuetYaml = z.output<typeof duetYamlSchema>;
export type ProblemInterface = z.output<typeof interfaceSchema>;

/** The duet.yaml a problem gets when it has none (a plain Kattis stdio problem). */
export function defaultDuetYaml(): DuetYaml {
  return duetYamlSchema.parse({});
}
