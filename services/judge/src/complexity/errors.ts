/** Why a complexity analysis produced no report: a closed set, each with a message the caller can show. */
export const COMPLEXITY_PROBE_ERROR_CODES = [
  /** The probe spec itself is malformed (the caller's mistake). */
  'PROBE_INVALID',
  /** The solution does not compile. */
  'COMPILE_ERROR',
  /** The problem's generator failed (syntax error, no generate(), raised, returned the wrong type): the author's fault. */
  'GENERATOR_ERROR',
  /** The solution failed (raised, crashed, ran out of time or memory) before enough sizes were measured. */
  'SOLUTION_ERROR',
  /** The judge failed (sandbox did not start, protocol violation): never the user's fault. */
  'PROBE_FAILED',
] as const;
export type ComplexityProbeErrorCode = (typeof COMPLEXITY_PROBE_ERROR_CODES)[number];

export class ComplexityProbeError extends Error {
  override name = 'ComplexityProbeError';
  constructor(
    readonly code: ComplexityProbeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
