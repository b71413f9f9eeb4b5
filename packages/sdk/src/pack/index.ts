// Public entry of `@duet/sdk/pack`: the pack format (browser-safe parts) plus the Node fs loader,
// validator, scaffold and Kattis import.
export * from './browser.js';
export { loadPack, validatePack, type PackValidation } from './load-pack.js';
export { loadProblem, inspectProblem, usesCustomValidation, type LoadProblemOptions } from './load-problem.js';
export { checkerSpecFor, readTestData, type TestData } from './problem-data.js';
export {
  bundleFromProblem,
  hasProbe,
  isSampleTest,
  probeSpecFor,
  readSubmission,
  readTests,
  testsFor,
  withIncludedFiles,
  type BundleData,
  type BundleOptions,
  type ProbeSpecOptions,
  type SubmissionSource,
} from './run-bundle.js';
export { readStatement } from './statement.js';
export { constantsFromProblemYaml } from './constants.js';
export { scaffoldPack, toSlug, type ScaffoldOptions } from './scaffold.js';
export { EXAMPLE_PROBLEM_ID } from './scaffold-template.js';
export { importKattisProblem, type ImportKattisOptions } from './import-kattis.js';
export {
  testProblem,
  type ProblemOutcome,
  type SubmissionOutcome,
  type SubmissionStatus,
  type TestProblemOptions,
} from './check/problem-tester.js';
export {
  resolveTimeLimit,
  safetyTimeLimitMs,
  CALIBRATION_TIME_LIMIT_MS,
  type JudgeSubmission,
  type TimeLimitResolution,
} from './check/time-limit.js';
export { checkRequirements, decidedByFirstFailure, expectedLabel, type ExpectationCheck } from './check/expectation.js';
export { checkValidatorRobustness, type ValidatorRobustness } from './check/validator-robustness.js';
export { complexityVerdictText, type ProbeOutcome, type ProblemProbe } from './check/complexity-check.js';
export type { PackJudge, PackJudgeOptions, SubmissionProbe } from './check/pack-judge.js';
export { createPackTarball, type PackTarball } from './tarball/create-tarball.js';
export { extractPackTarball, type ExtractedPackTarball } from './tarball/extract-tarball.js';
export { sha256Hex, sriIntegrity } from './tarball/integrity.js';
