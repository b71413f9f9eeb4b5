import { z } from 'zod';
import type { CheckerSpec, RunKind } from '@duet/sdk/judge';
import { type ProbeSpec, probeSpecSchema } from './complexity/probe-spec.js';

/**
 * A run bundle: everything the judge needs for one run, as plain JSON (what the marketplace sends to
 * the judge's HTTP API and what `duet-pack` builds from a pack folder).
 */
export interface RunBundle {
  kind: RunKind;
  language: 'python';
  code: string;
  interface: { type: 'stdio' } | { type: 'function'; entry: string };
  /** `answer` is absent for custom runs. Answers never enter the submission's sandbox. */
  tests: Array<{ name: string; input: string; answer?: string }>;
  limits: {
    time_ms: number;
    memory_mb: number;
    /** Output cap per test, KiB (Kattis `limits.output`, default 8 MiB). */
    output_kb: number;
  };
  checker: CheckerSpec;
  /** The problem's complexity probe: submit runs that compile also get a ComplexityReport. */
  complexity?: ProbeSpec;
}

/** A malformed run bundle (the caller's mistake): `reason` names the offending field. */
export class BundleError extends Error {
  readonly code = 'BUNDLE_INVALID' as const;
  constructor(readonly reason: string) {
    super(`invalid run bundle: ${reason}`);
    this.name = 'BundleError';
  }
}

const MAX_TESTS = 1000;
const flagsSchema = z
  .object({
    case_sensitive: z.boolean(),
    space_change_sensitive: z.boolean(),
    float_tolerance: z.number().nonnegative(),
    float_absolute_tolerance: z.number().nonnegative(),
    float_relative_tolerance: z.number().nonnegative(),
  })
  .partial()
  .strict();

const checkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('default'), flags: flagsSchema.optional() }).strict(),
  z.object({ type: z.literal('exact') }).strict(),
  z
    .object({
      type: z.literal('custom'),
      language: z.enum(['python', 'c', 'cpp']),
      files: z
        .record(z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.\-/]+$/, 'a relative path without ..'), z.string())
        .refine((files) => Object.keys(files).length > 0 && Object.keys(files).length <= 64, 'between 1 and 64 files'),
      args: z.array(z.string().max(200)).max(32).optional(),
    })
    .strict(),
]);

const runBundleSchema = z
  .object({
    kind: z.enum(['sample', 'custom', 'submit']),
    language: z.literal('python'),
    code: z.string().max(1 << 20, 'at most 1 MiB of code'),
    interface: z.discriminatedUnion('type', [
      z.object({ type: z.literal('stdio') }).strict(),
      z.object({ type: z.literal('function'), entry: z.string().regex(/^[A-Za-z_]\w*$/, 'a Python identifier') }).passthrough(),
    ]),
    tests: z
      .array(z.object({ name: z.string().min(1).max(200), input: z.string(), answer: z.string().optional() }).strict())
      .min(1, 'at least one test')
      .max(MAX_TESTS, `at most ${MAX_TESTS} tests`),
    limits: z
      .object({
        time_ms: z.number().int().min(1).max(60_000),
        memory_mb: z.number().int().min(16).max(4096),
        output_kb: z.number().int().min(1).max(256 * 1024),
      })
      .strict(),
    checker: checkerSchema,
    complexity: probeSpecSchema.optional(),
  })
  .strict();

/** Validates untrusted JSON as a RunBundle; throws BundleError naming the first bad field. */
export function parseRunBundle(json: unknown): RunBundle {
  const parsed = runBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new BundleError(`${path}: ${issue?.message ?? 'invalid'}`);
  }
  const bundle = parsed.data as RunBundle;
  if (bundle.kind !== 'custom') {
    const missing = bundle.tests.findIndex((t) => t.answer === undefined);
    if (missing >= 0) throw new BundleError(`tests.${missing}.answer: required for ${bundle.kind} runs`);
  }
  return bundle;
}
