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
