// Public entry of `@duet/sdk/run` (isomorphic): the run contract between whoever builds a run
// (the marketplace, duet-pack) and whoever judges it (the judge engine and its HTTP service).
export {
  RUN_KINDS,
  runBundleTestSchema,
  runBundleSchema,
  parseRunBundle,
  checkFunctionInput,
  type RunBundle,
  type RunBundleTest,
  type RunInterface,
} from './bundle.js';
export { probeSpecSchema, parseProbeSpec, type ProbeSpec } from './probe-spec.js';
export type { RunEvent, RunStatus, RunView } from './run-view.js';
export {
  DUET_ERROR_CODES,
  DUET_ERROR_STATUS,
  DuetError,
  isDuetError,
  isDuetErrorCode,
  type DuetErrorBody,
  type DuetErrorCode,
  type DuetErrorOptions,
} from './errors.js';
export * from './limits.js';
export { createJudgeClient, type JudgeClient, type JudgeClientOptions } from './judge-client.js';
export type { RunResult, TestResult, Verdict, RunKind, CompileError } from '../judge/verdict.js';
export type { ComplexityReport } from '../judge/complexity/report.js';
export { checkerSpecSchema, defaultValidatorFlagsSchema, type CheckerSpec, type DefaultValidatorFlags } from '../judge/checker-spec.js';
export {
  PROBLEM_DATA_MEDIA_TYPE,
  problemDataSchema,
  parseProblemData,
  runBundleFromProblemData,
  type ProblemData,
  type RunRequestCode,
} from './problem-data.js';
export { RUN_QUEUE_NAME, JUDGE_DATA_PATH, runJobSchema, type RunJob, type RunJobProgress, type RunJobOutcome } from './run-job.js';
