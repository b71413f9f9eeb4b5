import { DUET_ERROR_STATUS, DuetError, isDuetErrorCode, type DuetErrorCode } from '../run/errors.js';

/** The tRPC error codes the marketplace answers with (a subset of tRPC's closed set). */
export type ApiTrpcCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'PAYMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'BAD_GATEWAY'
  | 'SERVICE_UNAVAILABLE'
  | 'GATEWAY_TIMEOUT';

/**
 * Every DuetError code as a tRPC code: the HTTP status each tRPC code answers with is the status
 * the run contract gives the DuetError code, so tRPC, REST and the judge API agree.
 */
export const TRPC_CODE_FOR_DUET_CODE: Readonly<Record<DuetErrorCode, ApiTrpcCode>> = Object.freeze({
  BAD_REQUEST: 'BAD_REQUEST',
  BUNDLE_INVALID: 'BAD_REQUEST',
  PROBE_INVALID: 'BAD_REQUEST',
  INPUT_INVALID: 'BAD_REQUEST',
  PACK_INVALID: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  QUEUE_FULL: 'SERVICE_UNAVAILABLE',
  SHUTTING_DOWN: 'SERVICE_UNAVAILABLE',
  NETWORK: 'BAD_GATEWAY',
  TIMEOUT: 'GATEWAY_TIMEOUT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  COMPILE_ERROR: 'UNPROCESSABLE_CONTENT',
  GENERATOR_ERROR: 'UNPROCESSABLE_CONTENT',
  SOLUTION_ERROR: 'UNPROCESSABLE_CONTENT',
  PROBE_FAILED: 'INTERNAL_SERVER_ERROR',
});

/** The DuetError code of a tRPC code when the server named none (tRPC's own input validation, routing). */
export function duetCodeForTrpcCode(code: string): DuetErrorCode {
  switch (code) {
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
      return 'BAD_REQUEST';
    case 'METHOD_NOT_SUPPORTED':
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'SERVICE_UNAVAILABLE':
      return 'SHUTTING_DOWN';
    case 'TIMEOUT':
    case 'GATEWAY_TIMEOUT':
      return 'TIMEOUT';
    case 'BAD_GATEWAY':
      return 'NETWORK';
    case 'UNPROCESSABLE_CONTENT':
      return 'BAD_REQUEST';
    default:
      return isDuetErrorCode(code) ? code : 'INTERNAL';
  }
}

/** One problem with an input: a pack file (pack validation) and/or a field (input validation). */
export interface ApiIssue {
  file?: string;
  field?: string;
  message: string;
}

/**
 * The `data` of every marketplace error: in tRPC error shapes and in REST error bodies
 * (`{message, code, data}`).
 */
export interface ApiErrorData {
  /** The precise code from the run contract's closed set. */
  duetCode: DuetErrorCode;
  httpStatus: number;
  /** PACK_INVALID and input errors: every issue, each naming its file or field. */
  issues?: ApiIssue[];
  /** TOO_MANY_REQUESTS: seconds until a retry may succeed (also sent as Retry-After). */
  retryAfterSeconds?: number;
}

/** Turns an error answer's `data` (tRPC or REST) back into a DuetError, for clients. */
export function duetErrorFromApi(message: string, data: Partial<ApiErrorData> | undefined, fallbackCode = 'INTERNAL'): DuetError {
  const code = isDuetErrorCode(data?.duetCode) ? data.duetCode : duetCodeForTrpcCode(fallbackCode);
  return new DuetError(code, message, data?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: data.retryAfterSeconds });
}

export function httpStatusOf(code: DuetErrorCode): number {
  return DUET_ERROR_STATUS[code];
}
