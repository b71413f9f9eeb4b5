import type { ComplexityReport, RunResult, TestResult } from '../../judge/index.js';
import type { ProbeSpec } from '../../run/probe-spec.js';
import type { RunBundle } from '../../run/bundle.js';

export interface PackJudgeOptions {
  /** Called after each test, in order. */
  onTest?: (test: TestResult, index: number) => void;
  /** Stop at the first non-AC test: enough to know the verdict of a submission expected to fail. */
  stopOnFirstFailure?: boolean;
}

/** One complexity analysis of a submission (what the judge engine's `probeComplexity` takes). */
export interface SubmissionProbe {
  code: string;
  files?: RunBundle['files'];
  interface: RunBundle['interface'];
  probe: ProbeSpec;
  /** The problem's memory limit. */
  memory_mb?: number;
}

/**
 * Whatever judges a pack's submissions: the sandbox engine in-process (`duet-pack test`, the
 * marketplace's default) or a remote judge. Pack checks (`testProblem`) only need these two calls.
 */
export interface PackJudge {
  judge(bundle: RunBundle, options?: PackJudgeOptions): Promise<RunResult>;
  /** The complexity probe (its own sandbox run). */
  probe(input: SubmissionProbe): Promise<ComplexityReport>;
}
