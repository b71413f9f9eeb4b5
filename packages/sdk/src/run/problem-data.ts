/**
 * A published problem's judge data: its tests (samples and hidden), checker, limits, interface and
 * complexity probe. The marketplace stores it once, as a content-addressed blob, when a pack version
 * is published; a run message names it by digest and judges fetch and cache it, so hidden tests
 * never travel inside a run message.
 */
import { z } from 'zod';
import { checkerSpecSchema } from '../judge/checker-spec.js';
import type { RunKind } from '../judge/verdict.js';
import { runBundleSchema, runBundleTestSchema, type RunBundle } from './bundle.js';
import { DuetError } from './errors.js';
import { probeSpecSchema } from './probe-spec.js';

export const PROBLEM_DATA_MEDIA_TYPE = 'application/vnd.duet.problem-data+json';

export const problemDataSchema = z
  .object({
    format: z.literal(1),
    interface: runBundleSchema.shape.interface,
    /** `time_ms` is the problem's resolved limit (declared, or computed from the accepted submissions at publish). */
    limits: runBundleSchema.shape.limits,
    checker: checkerSpecSchema,
    tests: z.object({ sample: z.array(runBundleTestSchema), secret: z.array(runBundleTestSchema).min(1) }).strict(),
    complexity: probeSpecSchema.optional(),
  })
  .strict();

export type ProblemData = z.infer<typeof problemDataSchema>;

/** Validates fetched problem data; DuetError BUNDLE_INVALID naming the first bad field. */
export function parseProblemData(json: unknown): ProblemData {
  const parsed = problemDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DuetError('BUNDLE_INVALID', `problem data: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export interface RunRequestCode {
  kind: RunKind;
  code: string;
  files?: Record<string, string>;
  /** The one input of a `custom` run. */
  stdin?: string;
}

/**
 * The run bundle for some code on a published problem: samples for `sample`, the hidden tests
 * (with the complexity probe, when the problem has one) for `submit`, the given stdin for `custom`.
 */
export function runBundleFromProblemData(data: ProblemData, request: RunRequestCode): RunBundle {
  const tests =
    request.kind === 'custom' ? [{ name: 'custom', input: request.stdin ?? '' }] : request.kind === 'sample' ? data.tests.sample : data.tests.secret;
  return {
    kind: request.kind,
    language: 'python',
    code: request.code,
    ...(request.files && Object.keys(request.files).length ? { files: request.files } : {}),
    interface: data.interface,
    tests,
    limits: data.limits,
    checker: data.checker,
    ...(request.kind === 'submit' && data.complexity ? { complexity: data.complexity } : {}),
  };
}
