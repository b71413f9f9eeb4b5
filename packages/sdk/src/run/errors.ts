/**
 * The closed set of error codes of the run contract, in the manner of tRPC's TRPCError: one error
 * class, a `code` from a closed union, the HTTP status each code answers with. The judge API, the
 * engine and the clients all speak it, so a caller can switch on `error.code` whichever part failed.
 */
export const DUET_ERROR_STATUS = {
  /** The request is malformed in a way no more specific code names. */
  BAD_REQUEST: 400,
  /** A run bundle failed validation; the message names the field. */
  BUNDLE_INVALID: 400,
  /** A complexity probe spec failed validation. */
  PROBE_INVALID: 400,
  /** A custom input does not fit the problem's interface (e.g. not a JSON array for a function problem). */
  INPUT_INVALID: 400,
  /** A pack failed validation or its publish checks; the message lists every issue. */
  PACK_INVALID: 400,
  UNAUTHORIZED: 401,
  /** A paid pack the caller's org holds no entitlement to. */
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  /** The judge's queue is full: retry after the `Retry-After` the server sent. */
  QUEUE_FULL: 503,
  SHUTTING_DOWN: 503,
  /** The server could not be reached or answered something that is not the API. */
  NETWORK: 502,
  TIMEOUT: 504,
  INTERNAL: 500,
  /** Complexity analysis: the solution does not compile. */
  COMPILE_ERROR: 422,
  /** Complexity analysis: the problem's generator failed (the author's mistake). */
  GENERATOR_ERROR: 422,
  /** Complexity analysis: the solution failed before enough sizes were measured. */
  SOLUTION_ERROR: 422,
  /** Complexity analysis: the judge failed (never the user's fault). */
  PROBE_FAILED: 500,
} as const;

export type DuetErrorCode = keyof typeof DUET_ERROR_STATUS;
export const DUET_ERROR_CODES = Object.keys(DUET_ERROR_STATUS) as DuetErrorCode[];

/** The JSON body of every error answer: `{error: {code, message}}`. */
export interface DuetErrorBody {
  error: { code: DuetErrorCode; message: string; id?: string };
}

export interface DuetErrorOptions {
  cause?: unknown;
  /** Seconds to wait before retrying (QUEUE_FULL, TOO_MANY_REQUESTS). */
  retryAfterSeconds?: number;
  /** An id the operator's log carries the details under (judge faults). */
  id?: string;
}

export class DuetError extends Error {
  override readonly name = 'DuetError';
  readonly code: DuetErrorCode;
  readonly retryAfterSeconds: number | undefined;
  readonly id: string | undefined;

  constructor(code: DuetErrorCode, message: string, options: DuetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.id = options.id;
  }

  get status(): number {
    return DUET_ERROR_STATUS[this.code];
  }

  toJSON(): DuetErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.id ? { id: this.id } : {}) } };
  }
}

export function isDuetErrorCode(value: unknown): value is DuetErrorCode {
  return typeof value === 'string' && Object.hasOwn(DUET_ERROR_STATUS, value);
}

export function isDuetError(value: unknown, code?: DuetErrorCode): value is DuetError {
  return value instanceof DuetError && (code === undefined || value.code === code);
}
