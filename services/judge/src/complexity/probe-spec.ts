/** The probe a problem declares (duet.yaml `complexity`), as the judge receives it, and its validation. */
import { z } from 'zod';
import { ComplexityProbeError } from './errors.js';

export interface ProbeSpec {
  /** Source of the generator (generators/probe.py): defines generate(n, rng). */
  generator: string;
  /** Largest n to try. */
  max_n?: number;
  /** Wall-time budget of the measurements, ms (default 5000). */
  budget_ms?: number;
  /** Seed of the generator's rng (default 0): the same seed gives the same inputs. */
  seed?: number;
  /** The problem's intended classes, e.g. "O(n log n)" (any spelling parseComplexityClass reads). */
  expected_time?: string;
  expected_space?: string;
}

export const DEFAULT_BUDGET_MS = 5000;
export const MAX_BUDGET_MS = 60_000;

export const probeSpecSchema = z
  .object({
    generator: z.string().min(1, 'the generator source is empty').max(256 * 1024, 'at most 256 KiB of generator source'),
    max_n: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    budget_ms: z.number().int().min(200).max(MAX_BUDGET_MS).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    expected_time: z.string().max(64).optional(),
    expected_space: z.string().max(64).optional(),
  })
  .strict();

export function parseProbeSpec(json: unknown, where = 'complexity'): ProbeSpec {
  const parsed = probeSpecSchema.safeParse(json);
  if (parsed.success) return parsed.data as ProbeSpec;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.join('.')}` : where;
  throw new ComplexityProbeError('PROBE_INVALID', `invalid probe: ${path}: ${issue?.message ?? 'invalid'}`);
}
