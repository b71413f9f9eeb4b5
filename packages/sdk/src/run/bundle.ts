/**
 * A run bundle: everything the judge needs for one run, as plain JSON. The marketplace and
 * `duet-pack` build it, the judge's HTTP API and the engine take it. Parse it once, at the edge
 * (`parseRunBundle`), and pass the validated value inward.
 */
import { z } from 'zod';
import { checkerSpecSchema, relativePathSchema } from '../judge/checker-spec.js';
import { DuetError } from './errors.js';
import {
  MAX_CODE_BYTES,
  MAX_MEMORY_MB,
  MAX_OUTPUT_KB,
  MAX_SOURCE_FILES,
  MAX_TESTS,
  MAX_TIME_MS,
  MIN_MEMORY_MB,
} from './limits.js';
import { probeSpecSchema } from './probe-spec.js';

export const RUN_KINDS = ['sample', 'custom', 'submit'] as const;

export const runBundleTestSchema = z
  .object({
    name: z.string().min(1).max(200),
    input: z.string(),
    /** Absent for custom runs. Answers never enter the submission's sandbox. */
    answer: z.string().optional(),
    /**
     * Output validator arguments of this test's group (Kattis `output_validator_args`): flags for the
     * default validator, extra arguments for a custom one. Replace the checker's own when present.
     */
    validator_args: z.array(z.string().max(200)).max(32).optional(),
  })
  .strict();

export const runBundleSchema = z
  .object({
    kind: z.enum(RUN_KINDS),
    language: z.literal('python'),
    /** The entry file's source (a single-file submission, or `__main__.py` of a multi-file one). */
    code: z.string().max(MAX_CODE_BYTES, 'at most 1 MiB of code'),
    /**
     * The other files of a multi-file submission and the problem's `include/python` files, by path
     * relative to the entry file: importable as modules.
     */
    files: z
      .record(relativePathSchema, z.string())
      .refine((files) => Object.keys(files).length <= MAX_SOURCE_FILES, `at most ${MAX_SOURCE_FILES} files`)
      .optional(),
    interface: z.discriminatedUnion('type', [
      z.object({ type: z.literal('stdio') }).strict(),
      z.object({ type: z.literal('function'), entry: z.string().regex(/^[A-Za-z_]\w*$/, 'a Python identifier') }).passthrough(),
    ]),
    tests: z.array(runBundleTestSchema).min(1, 'at least one test').max(MAX_TESTS, `at most ${MAX_TESTS} tests`),
    limits: z
      .object({
        time_ms: z.number().int().min(1).max(MAX_TIME_MS),
        memory_mb: z.number().int().min(MIN_MEMORY_MB).max(MAX_MEMORY_MB),
        /** Output cap per test, KiB (Kattis `limits.output`). */
        output_kb: z.number().int().min(1).max(MAX_OUTPUT_KB),
      })
      .strict(),
    checker: checkerSpecSchema,
    /** The problem's complexity probe: submit runs that compile also get a ComplexityReport. */
    complexity: probeSpecSchema.optional(),
  })
  .strict();

export type RunBundle = z.infer<typeof runBundleSchema>;
export type RunBundleTest = RunBundle['tests'][number];
export type RunInterface = RunBundle['interface'];

/**
 * Validates untrusted JSON as a RunBundle. Throws DuetError BUNDLE_INVALID naming the first bad
 * field, or INPUT_INVALID for a custom input that does not fit the problem (the user's mistake).
 */
export function parseRunBundle(json: unknown): RunBundle {
  const parsed = runBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new DuetError('BUNDLE_INVALID', `${path}: ${issue?.message ?? 'invalid'}`);
  }
  const bundle = parsed.data;
  const codeBytes = Object.values(bundle.files ?? {}).reduce((sum, text) => sum + text.length, bundle.code.length);
  if (codeBytes > MAX_CODE_BYTES) throw new DuetError('BUNDLE_INVALID', `files: at most 1 MiB of code in all`);
  if (bundle.kind !== 'custom') {
    const missing = bundle.tests.findIndex((t) => t.answer === undefined);
    if (missing >= 0) throw new DuetError('BUNDLE_INVALID', `tests.${missing}.answer: required for ${bundle.kind} runs`);
  } else if (bundle.interface.type === 'function') {
    bundle.tests.forEach((test, index) => checkFunctionInput(test.input, `tests.${index}.input`));
  }
  return bundle;
}

/**
 * A function problem's input is a JSON array of the positional arguments; a custom input that is
 * not is the user's mistake, reported before anything runs.
 */
export function checkFunctionInput(input: string, where = 'input'): void {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    throw new DuetError('INPUT_INVALID', `${where}: this is a function problem: the input must be a JSON array of the arguments, e.g. [[2, 7, 11, 15], 9] (it is not JSON: ${(error as Error).message})`);
  }
  if (!Array.isArray(value)) {
    throw new DuetError('INPUT_INVALID', `${where}: this is a function problem: the input must be a JSON array of the arguments, e.g. [[2, 7, 11, 15], 9] (got a JSON ${value === null ? 'null' : typeof value})`);
  }
}
