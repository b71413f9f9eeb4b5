import type { RunResult } from '../../judge/verdict.js';
import { PackValidationError } from '../errors.js';
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
  /** Computed limits: the accepted submission and test whose CPU time set the limit. */
  slowest?: { submission: string; test: string; cpuMs: number };
  /**
   * Computed limits: each accepted submission's run at the calibration limit. Every AC test in
   * them used at most `slowest.cpuMs` < the limit, so they stand as their results at the limit.
   */
  acceptedRuns: Map<string, RunResult>;
}

export type JudgeSubmission = (submission: Submission, timeLimitMs: number) => Promise<RunResult>;

/**
 * The time limit of a problem, Kattis style (problemarchive.org legacy spec, "limits"):
 * - a declared limit (duet.yaml `time_limit` or a `.timelimit` file, as the loader reports it)
 *   is used as is;
 * - otherwise every accepted Python submission is judged on all data with a
 *   CALIBRATION_TIME_LIMIT_MS per-test limit; the limit is the largest per-test CPU time among
 *   their AC tests, times `limits.time_multiplier`, rounded up to the time resolution
 *   (`limits.time_resolution` where the problem's format has it, else 1 s), at least one step.
 * The safety margin (`limits.time_safety_margin`) is applied by the caller to TLE submissions.
 */
export async function resolveTimeLimit(
  problem: LoadedProblem,
  judge: JudgeSubmission,
): Promise<TimeLimitResolution> {
  if (problem.declaredTimeLimitMs !== null) {
    return { timeLimitMs: problem.declaredTimeLimitMs, source: 'declared', acceptedRuns: new Map() };
  }
  const accepted = problem.submissions.filter((s) => s.expected === 'accepted' && s.language === 'python');
  if (accepted.length === 0) {
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
  const acceptedRuns = new Map<string, RunResult>();
  let slowest: TimeLimitResolution['slowest'];
  for (const submission of accepted) {
    const run = await judge(submission, CALIBRATION_TIME_LIMIT_MS);
    acceptedRuns.set(submission.name, run);
    for (const test of run.tests) {
      if (test.verdict !== 'AC') continue;
      if (!slowest || test.cpu_ms > slowest.cpuMs) {
        slowest = { submission: submission.name, test: test.name, cpuMs: test.cpu_ms };
      }
    }
  }
  const cpuMs = slowest?.cpuMs ?? 0;
  const resolutionMs = timeResolutionMs(problem);
  const steps = Math.max(1, Math.ceil((cpuMs * problem.limits.timeMultiplier) / resolutionMs));
  const timeLimitMs = steps * resolutionMs;
  return slowest
    ? { timeLimitMs, source: 'computed', slowest, acceptedRuns }
    : { timeLimitMs, source: 'computed', acceptedRuns };
}

/** The limit TLE submissions are judged under: they must exceed even limit × safety margin. */
export function safetyTimeLimitMs(problem: LoadedProblem, timeLimitMs: number): number {
  return Math.ceil(timeLimitMs * problem.limits.timeSafetyMargin);
}

function timeResolutionMs(problem: LoadedProblem): number {
  const limits = problem.problem.limits as { time_resolution?: number } | undefined;
  const seconds = limits?.time_resolution;
  return typeof seconds === 'number' && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_TIME_RESOLUTION_MS;
}
