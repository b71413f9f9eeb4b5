import type { ComplexityReport } from './complexity/report.js';

/** The closed set of verdicts (DESIGN §4). IE is a judge fault and is never blamed on the user. */
export const VERDICTS = ['AC', 'WA', 'TLE', 'MLE', 'RE', 'OLE', 'CE', 'IE'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a run judges against: the samples, one custom stdin, or the hidden tests. */
export type RunKind = 'sample' | 'custom' | 'submit';

/** One test's outcome. Hidden (`submit`) tests carry figures only, never output. */
export interface TestResult {
  name: string;
  verdict: Verdict;
  cpu_ms: number;
  wall_ms: number;
  /** Peak resident memory of the test's process, KiB. */
  memory_kb: number;
  /** RE: the signal name (`SIGSEGV`) or the exit code. */
  signal?: string;
  exit_code?: number;
  /** Sample and custom runs only (capped). */
  stdout?: string;
  stderr?: string;
  /** Sample runs only: a readable diff of expected vs actual on WA. */
  diff?: string;
  /** Checker or judge feedback, e.g. a custom validator's judgemessage. */
  message?: string;
  /**
   * Hidden (`submit`) tests: the figures are coarse buckets of the limits (each the bucket's upper
   * edge; `wall_ms` repeats the CPU bucket), so that they cannot carry the hidden data out.
   */
  coarse?: true;
}

export interface CompileError {
  line: number | null;
  message: string;
}

export interface RunResult {
  verdict: Verdict;
  kind: RunKind;
  tests: TestResult[];
  /** Present when the verdict is CE. */
  compile_error?: CompileError;
  /** Present when the verdict is IE: what went wrong in the judge. */
  internal_error?: string;
  passed: number;
  total: number;
  time_limit_ms: number;
  max_cpu_ms: number;
  max_memory_kb: number;
  /** Submit runs on a problem with a complexity probe (and no CE): the measured classes. */
  complexity?: ComplexityReport;
  /** The probe was requested but could not produce a report (e.g. the generator failed); not a verdict. */
  complexity_error?: string;
}

/** Kattis order of precedence is "first failing test"; the run verdict is the first non-AC test's verdict. */
export function runVerdict(tests: readonly Pick<TestResult, 'verdict'>[]): Verdict {
  const ie = tests.find((t) => t.verdict === 'IE');
  if (ie) return 'IE';
  return tests.find((t) => t.verdict !== 'AC')?.verdict ?? 'AC';
}
