import type { RunResult, Verdict } from '../../judge/verdict.js';
import type { SubmissionExpectation } from '../types.js';

/** The verdict each Kattis submissions/ folder promises. */
export const EXPECTED_VERDICT: Record<SubmissionExpectation, Verdict> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  run_time_error: 'RE',
  memory_limit_exceeded: 'MLE',
};

/**
 * Kattis rule: a run's verdict is its first failing test's verdict. accepted/ needs AC on every
 * test; the other folders need that first failure to be their verdict (an IE never counts).
 */
export function meetsExpectation(expected: SubmissionExpectation, run: Pick<RunResult, 'verdict' | 'passed' | 'total'>): boolean {
  const verdict = EXPECTED_VERDICT[expected];
  if (verdict === 'AC') return run.verdict === 'AC' && run.passed === run.total;
  return run.verdict === verdict;
}
