/** The closed set of reasons the fitter refuses its input. */
export const COMPLEXITY_FIT_ERROR_CODES = ['NO_POINTS', 'INVALID_POINT', 'TOO_FEW_SIZES'] as const;
export type ComplexityFitErrorCode = (typeof COMPLEXITY_FIT_ERROR_CODES)[number];

export class ComplexityFitError extends Error {
  override name = 'ComplexityFitError';
  constructor(
    readonly code: ComplexityFitErrorCode,
    message: string,
  ) {
    super(message);
  }
}
