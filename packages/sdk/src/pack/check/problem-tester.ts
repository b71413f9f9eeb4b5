import type { RunResult } from '../../judge/verdict.js';
import { bundleFromProblem, readSubmission } from '../run-bundle.js';
import { boundsTimeLimitFromAbove } from '../submission-rules.js';
import type { LoadedProblem } from '../types.js';
import { probeSubmission, type ProbeOutcome, type ProblemProbe, problemProbe } from './complexity-check.js';
import { checkRequirements, decidedByFirstFailure, expectedLabel } from './expectation.js';
import type { PackJudge } from './pack-judge.js';
import { resolveTimeLimit, safetyTimeLimitMs, type TimeLimitResolution } from './time-limit.js';
import { checkValidatorRobustness, type ValidatorRobustness } from './validator-robustness.js';

type Submission = LoadedProblem['submissions'][number];

export type SubmissionStatus = 'ok' | 'mismatch' | 'skipped';

export interface SubmissionOutcome {
  name: string;
  /** What it must get: its folder's verdict (AC, WA, TLE, RE, MLE), or submissions.yaml's rules. */
  expected: string;
  language: string;
  status: SubmissionStatus;
  /** The run verdict: the first non-AC test's verdict (Kattis), AC when every test passed. */
  got?: string;
  passed?: number;
  total?: number;
  max_cpu_ms?: number;
  max_memory_kb?: number;
  /** The per-test limit this submission was judged under (those that must time out: limit × safety margin). */
  judged_time_limit_ms?: number;
  /** Why it is skipped, or what went wrong (compile error, judge error, first failing test). */
  note?: string;
  /** Accepted submissions of a problem with a probe: the measured classes (a mismatch when slower than expected). */
  complexity?: ProbeOutcome;
}

export interface TestProblemOptions {
  /** false: do not probe accepted submissions (duet.yaml complexity). */
  complexity?: boolean;
  /** A one-line status as judging goes ("two-sum: judging accepted/sol.py 7/20"). */
  onProgress?: (text: string) => void;
}

export interface ProblemOutcome {
  id: string;
  ok: boolean;
  time_limit_ms: number;
  time_limit_source: TimeLimitResolution['source'];
  /** Computed limits: which accepted submission's test set it. */
  time_limit_from?: { submission: string; test: string; cpu_ms: number };
  tests: number;
  /** The problem's complexity probe, when duet.yaml declares one: expected classes and the budget per submission. */
  complexity?: ProblemProbe;
  /** Problems with a custom output validator: whether it survives hostile output (a crash fails the problem). */
  validator?: ValidatorRobustness;
  submissions: SubmissionOutcome[];
}

/**
 * Judges every submission of a problem on all its data (samples, then secret) and checks each
 * against its requirements (its folder's, and 2023-07+ submissions.yaml's). Legacy judging stops
 * at the first rejected test case, so a legacy submission's verdict is its first failing test's;
 * 2023-07+ requirements speak of every test case, so those runs go on unless the first failure
 * already decides. Submissions that must time out are judged under limit × safety margin.
 * On a problem with a complexity probe, each accepted/ submission that passed is probed too and
 * must meet the expected classes (the others' classes say little and would cost seconds each).
 */
export async function testProblem(
  problem: LoadedProblem,
  session: PackJudge,
  options: TestProblemOptions = {},
): Promise<ProblemOutcome> {
  const progress = { update: options.onProgress ?? (() => {}) };
  const totalTests = problem.tests.length;
  const legacy = problem.format === 'legacy';
  const judgeSubmission = async (submission: Submission, timeLimitMs: number, only?: ReadonlySet<string>): Promise<RunResult> => {
    const source = await readSubmission(submission, problem);
    // A `sample` run on all data: the author owns the hidden tests, so the judge may show what a
    // marketplace submit run withholds (validator messages, exception types) for the notes.
    const bundle = await bundleFromProblem(problem, { ...source, kind: 'sample', data: 'all', timeLimitMs, ...(only ? { only } : {}) });
    const label = `${problem.id}: judging ${submission.name}`;
    const count = bundle.tests.length;
    progress.update(`${label} 0/${count}`);
    return session.judge(bundle, {
      onTest: (_test, index) => progress.update(`${label} ${index + 1}/${count}`),
      // Legacy accepted/ runs every test (they set the time limit); otherwise stop once the rest cannot matter.
      stopOnFirstFailure: legacy ? submission.category !== 'accepted' : decidedByFirstFailure(submission.requirements),
    });
  };

  const resolution = await resolveTimeLimit(problem, judgeSubmission);
  const probe = options.complexity === false ? null : await problemProbe(problem);
  const outcomes: SubmissionOutcome[] = [];
  for (const submission of problem.submissions) {
    if (submission.language !== 'python') {
      outcomes.push({
        name: submission.name,
        expected: expectedLabel(submission.requirements),
        language: submission.language,
        status: 'skipped',
        note: 'not a Python 3 submission: Duet judges Python 3 only',
      });
      continue;
    }
    const judgedLimit = boundsTimeLimitFromAbove(submission.requirements) ? safetyTimeLimitMs(problem, resolution.timeLimitMs) : resolution.timeLimitMs;
    const run = resolution.calibrationRuns.get(submission.name) ?? (await judgeSubmission(submission, judgedLimit));
    const outcome = outcomeOf(submission, run, judgedLimit, legacy);
    if (probe && outcome.status === 'ok' && submission.category === 'accepted') {
      progress.update(`${problem.id}: measuring the complexity of ${submission.name}`);
      const measured = await probeSubmission(problem, probe, submission, session);
      outcome.complexity = measured;
      if (measured.status === 'mismatch') {
        outcome.status = 'mismatch';
        outcome.note = measured.note;
      }
    }
    outcomes.push(outcome);
  }
  progress.update(`${problem.id}: feeding the output validator hostile output`);
  const validator = await checkValidatorRobustness(problem, session, resolution.timeLimitMs);

  const outcome: ProblemOutcome = {
    id: problem.id,
    ok: outcomes.every((o) => o.status !== 'mismatch') && (validator?.ok ?? true),
    time_limit_ms: resolution.timeLimitMs,
    time_limit_source: resolution.source,
    tests: totalTests,
    ...(probe ? { complexity: probe.summary } : {}),
    ...(validator ? { validator } : {}),
    submissions: outcomes,
  };
  if (resolution.slowest) {
    const { submission, test, cpuMs } = resolution.slowest;
    outcome.time_limit_from = { submission, test, cpu_ms: cpuMs };
  }
  return outcome;
}

function outcomeOf(submission: Submission, run: RunResult, judgedLimitMs: number, legacy: boolean): SubmissionOutcome {
  const check = checkRequirements(submission.requirements, run, { firstFailureOnly: legacy });
  const outcome: SubmissionOutcome = {
    name: submission.name,
    expected: expectedLabel(submission.requirements),
    language: submission.language,
    status: check.ok ? 'ok' : 'mismatch',
    got: run.verdict,
    passed: run.passed,
    total: run.total,
    max_cpu_ms: run.max_cpu_ms,
    max_memory_kb: run.max_memory_kb,
    judged_time_limit_ms: judgedLimitMs,
  };
  // A broken rule says what went wrong; a compile or judge error, or a run that met its rules, is best told by the run.
  const note = check.ok || run.compile_error || run.internal_error ? noteFor(run) : check.note;
  if (note) outcome.note = note;
  return outcome;
}

/** The first failing test (or the compile / judge error): where an author looks first. */
function noteFor(run: RunResult): string | undefined {
  if (run.compile_error) {
    const line = run.compile_error.line === null ? '' : ` (line ${run.compile_error.line})`;
    return `compile error${line}: ${run.compile_error.message}`;
  }
  if (run.internal_error) return `judge error: ${run.internal_error}`;
  const failing = run.tests.find((t) => t.verdict !== 'AC');
  if (!failing) return undefined;
  const detail = failing.message ? `: ${failing.message}` : failing.signal ? ` (${failing.signal})` : '';
  return `first failure: ${failing.name} ${failing.verdict}${detail}`;
}
