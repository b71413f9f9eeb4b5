/** The complexity probe a problem declares (duet.yaml `complexity`), as the judge receives it. */
import { z } from 'zod';
import { DuetError } from './errors.js';
import { MAX_PROBE_BUDGET_MS, MIN_PROBE_BUDGET_MS } from './limits.js';

export const probeSpecSchema = z
  .object({
    /** Source of the generator (generators/probe.py): defines generate(n, rng). */
    generator: z.string().min(1, 'the generator source is empty').max(256 * 1024, 'at most 256 KiB of generator source'),
    /** Largest n to try. */
    max_n: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Wall-time budget of the measurements, ms (default DEFAULT_PROBE_BUDGET_MS). */
    budget_ms: z.number().int().min(MIN_PROBE_BUDGET_MS).max(MAX_PROBE_BUDGET_MS).optional(),
    /** Seed of the generator's rng (default 0): the same seed gives the same inputs. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** The problem's intended classes, e.g. "O(n log n)" (any spelling parseComplexityClass reads). */
    expected_time: z.string().max(64).optional(),
    expected_space: z.string().max(64).optional(),
  })
  .strict();

export type ProbeSpec = z.infer<typeof probeSpecSchema>;

/** Validates a probe spec; throws DuetError PROBE_INVALID naming the first bad field. */
export function parseProbeSpec(json: unknown, where = 'complexity'): ProbeSpec {
  const parsed = probeSpecSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.join('.')}` : where;
  throw new DuetError('PROBE_INVALID', `invalid probe: ${path}: ${issue?.message ?? 'invalid'}`);
}
