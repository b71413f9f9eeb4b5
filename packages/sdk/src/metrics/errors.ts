/** The closed set of reasons the metrics module refuses its input. */
export const METRICS_ERROR_CODES = ['TIMELINE_INVALID', 'SEEK_OUT_OF_RANGE', 'PLAYBACK_INVALID', 'SIMILARITY_INVALID', 'REPORT_INVALID'] as const;
export type MetricsErrorCode = (typeof METRICS_ERROR_CODES)[number];

export class MetricsError extends Error {
  override name = 'MetricsError';
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isMetricsError(value: unknown, code?: MetricsErrorCode): value is MetricsError {
  return value instanceof MetricsError && (code === undefined || value.code === code);
}
