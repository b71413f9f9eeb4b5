// The browser-safe part of the pack format (no Node built-ins): schemas, types, errors, parsers.
// Re-exported by the root entry `@duet/sdk`; the fs loader is only in `@duet/sdk/pack`.
export {
  packYamlSchema,
  problemIdSchema,
  PROBLEM_ID_PATTERN,
  PACK_NAME_PATTERN,
  SEMVER_PATTERN,
  DEFAULT_RUNTIME,
  type PackManifest,
} from './pack-yaml.js';
export {
  problemYamlSchema,
  PROBLEM_FORMAT_VERSIONS,
  isLegacyProblemYaml,
  formatGeneration,
  problemName,
  type FormatGeneration,
  type ProblemYaml,
  type LegacyProblemYaml,
  type ModernProblemYaml,
} from './problem-yaml.js';
export {
  duetYamlSchema,
  interfaceSchema,
  defaultDuetYaml,
  type DuetYaml,
  type ProblemInterface,
} from './duet-yaml.js';
export { parseValidatorFlags, validatorArgs, type ValidatorFlagsResult } from './validator-flags.js';
export {
  PackError,
  PackValidationError,
  PackTarballError,
  PACK_ERROR_CODES,
  formatIssue,
  formatIssues,
  formatWarnings,
  type PackErrorCode,
  type PackIssue,
} from './errors.js';
export { parseYamlWith } from './yaml-source.js';
export { substituteConstants, substituteLatexConstants, type Constants } from './constants.js';
export { globMatches, globMatchesOrParent } from './glob.js';
export { SPEC_VERDICTS, submissionsYamlSchema, type RuleVerdict } from './submissions-yaml.js';
export { boundsTimeLimitFromAbove, lowerBoundRequirements, type SubmissionRequirement } from './submission-rules.js';
export {
  SUBMISSION_EXPECTATIONS,
  type SubmissionExpectation,
  type TestGroup,
  type TestCaseFiles,
  type SubmissionFile,
  type IncludedFiles,
  type OutputValidatorFiles,
  type ProblemLimits,
  type LoadedProblem,
  type LoadedPack,
} from './types.js';
export {
  PACK_TARBALL_LIMITS,
  PACK_TARBALL_ROOT,
  formatBytes,
  type PackTarballLimits,
} from './tarball/limits.js';
