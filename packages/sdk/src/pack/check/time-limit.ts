import type { RunResult } from '../../judge/verdict.js';
import { PackValidationError } from '../errors.js';
import { globMatchesOrParent } from '../glob.js';
import { lowerBoundRequirements } from '../submission-rules.js';
import type { LoadedProblem } from '../types.js';

type Submission = LoadedProblem['submissions'][number];

/** The per-test CPU limit accepted submissions are calibrated under (Kattis' "high" limit role). */
export const CALIBRATION_TIME_LIMIT_MS = 10_000;
/**
 * Computed limits are rounded up to this step (the 2023-07 spec's `limits.time_resolution`, default
 * 1 s, as problemtools does): a limit of a few times a 30 ms run would make accepted submissions
 * flaky on a busy judge, and it is the precision Kattis publishes limits at.
 */
export const DEFAULT_TIME_RESOLUTION_MS = 1000;

export interface TimeLimitResolution {
  /** Per-test CPU time limit, ms. */
  timeLimitMs: number;
  source: 'declared' | 'computed';
  /** Computed limits: the submission and test whose CPU time set the limit. */
  slowest?: { submission: string; test: string; cpuMs: number };
  /**
   * Computed limits: each lower-bounding submission's run on all data at the calibration limit.
   * Every test in them used at most `slowest.cpuMs` < the limit (or timed out at the calibration
   * limit), so they stand as their results at the limit.
   */
  calibrationRuns: Map<string, RunResult>;
}

/** Judges a submission on all data, or on the tests `only` names. */
export type JudgeSubmission = (submission: Submission, timeLimitMs: number, only?: ReadonlySet<string>) => Promise<RunResult>;

/**
 * The time limit of a problem, Kattis style:
 * - a declared limit (duet.yaml `time_limit`, 2023-07+ `limits.time_limit`, or a `.timelimit`
 *   file, as the loader reports it) is used as is;
 * - otherwise the submissions that bound it from below (legacy: the accepted ones; 2023-07+: "Any
 *   submission that is not permitted to get TLE at all (on some subset of cases)", over those
 *   cases) are judged with a CALIBRATION_TIME_LIMIT_MS per-test limit, and the limit is "the
 *   smallest integer multiple of time_resolution" at least the slowest such test's CPU time times
 *   the multiplier (legacy `time_multiplier`, 2023-07+ `ac_to_time_limit`).
 * The safety margin (`time_safety_margin`, `time_limit_to_tle`) is applied by the caller to the
 * submissions that must time out.
 */
export async function resolveTimeLimit(
  problem: LoadedProblem,
  judge: JudgeSubmission,
): Promise<TimeLimitResolution> {
  if (problem.declaredTimeLimitMs !== null) {
    return { timeLimitMs: problem.declaredTimeLimitMs, source: 'declared', calibrationRuns: new Map() };
  }
  const bounding = problem.submissions
    .filter((s) => s.language === 'python')
    .map((submission) => ({ submission, rules: lowerBoundRequirements(problem.format, submission.category, submission.requirements) }))
    .filter((b) => b.rules.length > 0);
  if (bounding.length === 0) {
    throw new PackValidationError(
      [
        {
          file: `problems/${problem.id}/duet.yaml`,
          field: 'time_limit',
          message:
            `no time limit: declare \`time_limit\` in problems/${problem.id}/duet.yaml ` +
            `or add an accepted Python submission in problems/${problem.id}/submissions/accepted/`,
        },
      ],
      `problem ${problem.id}`,
    );
  }
  const calibrationRuns = new Map<string, RunResult>();
  let slowest: TimeLimitResolution['slowest'];
  for (const { submission, rules } of bounding) {
    // Only the tests the rules cover bound the limit: a submission that must time out elsewhere is
    // not run there at the (long) calibration limit.
    const covered = problem.tests.filter((t) => rules.some((r) => r.tests === undefined || globMatchesOrParent(r.tests, t.name)));
    const everything = covered.length === problem.tests.length;
    const run = await judge(submission, CALIBRATION_TIME_LIMIT_MS, everything ? undefined : new Set(covered.map((t) => t.name)));
    if (everything) calibrationRuns.set(submission.name, run);
    for (const test of run.tests) {
      if (test.verdict === 'TLE' || test.verdict === 'IE') continue;
      if (!slowest || test.cpu_ms > slowest.cpuMs) slowest = { submission: submission.name, test: test.name, cpuMs: test.cpu_ms };
    }
  }
  const cpuMs = slowest?.cpuMs ?? 0;
  const resolutionMs = timeResolutionMs(problem);
  const steps = Math.max(1, Math.ceil((cpuMs * problem.limits.timeMultiplier) / resolutionMs));
  const timeLimitMs = steps * resolutionMs;
  return slowest
    ? { timeLimitMs, source: 'computed', slowest, calibrationRuns }
    : { timeLimitMs, source: 'computed', calibrationRuns };
}

/** The limit TLE submissions are judged under: they must exceed even limit × safety margin. */
export function safetyTimeLimitMs(problem: LoadedProblem, timeLimitMs: number): number {
  return Math.ceil(timeLimitMs * problem.limits.timeSafetyMargin);
}

function timeResolutionMs(problem: LoadedProblem): number {
  const limits = problem.problem.limits as { time_resolution?: number } | undefined | null;
  const seconds = limits?.time_resolution;
  return typeof seconds === 'number' && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_TIME_RESOLUTION_MS;
}
