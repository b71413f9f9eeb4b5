// Public entry of `@duet/sdk/judge`: the verdict model and the output checkers (browser-safe).
export { VERDICTS, runVerdict } from './verdict.js';
export type { Verdict, RunKind, TestResult, CompileError, RunResult } from './verdict.js';
export {
  BOOLEAN_VALIDATOR_FLAGS,
  NUMBER_VALIDATOR_FLAGS,
  VALIDATOR_LANGUAGES,
  checkerSpecSchema,
  defaultValidatorFlagsSchema,
  type CheckerSpec,
  type DefaultValidatorFlags,
  type ValidatorLanguage,
} from './checker-spec.js';
export { CheckerError, type CheckOutcome, type CheckerErrorCode } from './check-outcome.js';
export { defaultValidator } from './default-validator.js';
export { exactValidator } from './exact-validator.js';
export { jsonAnswerValidator } from './json-answer-validator.js';
export { outputDiff, type OutputDiffOptions } from './output-diff.js';
export { parseCFloat } from './c-float.js';
export * from './complexity/index.js';
