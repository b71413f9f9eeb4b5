export {
  COMPLEXITY_CLASSES,
  type ComplexityClass,
  compareComplexity,
  complexityRank,
  growth,
  isComplexityClass,
  parseComplexityClass,
} from './classes.js';
export { COMPLEXITY_FIT_ERROR_CODES, ComplexityFitError, type ComplexityFitErrorCode } from './errors.js';
export { evaluateCurve } from './evaluate.js';
export {
  type ComplexityCandidate,
  type ComplexityCurve,
  type ComplexityFit,
  type FitOptions,
  fitComplexity,
} from './fit.js';
export type { Aggregate, ComplexityPoint, SizeSample } from './points.js';
export {
  type ComplexityAxisReport,
  type ComplexityReport,
  type ComplexitySpacePoint,
  type ComplexityTimePoint,
  complexityVerdict,
} from './report.js';
