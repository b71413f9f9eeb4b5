import type { FastifyReply } from 'fastify';
import { TRPC_CODE_FOR_DUET_CODE, type ApiErrorData, type ApiIssue } from '@duet/sdk/api';
import { PackValidationError } from '@duet/sdk/pack';
import { DUET_ERROR_STATUS, DuetError } from '@duet/sdk/run';

/** The body of an error answer, the same shape the REST routes of the tRPC procedures send: `{message, code, data}`. */
export interface ApiErrorBody {
  message: string;
  code: string;
  data: ApiErrorData & { code: string };
}

export function apiErrorBody(error: DuetError): ApiErrorBody {
  const code = TRPC_CODE_FOR_DUET_CODE[error.code];
  const issues: ApiIssue[] | undefined =
    error.cause instanceof PackValidationError ? error.cause.issues.map(({ file, field, message }) => ({ file, ...(field ? { field } : {}), message })) : undefined;
  return {
    message: error.message,
    code,
    data: {
      code,
      httpStatus: DUET_ERROR_STATUS[error.code],
      duetCode: error.code,
      ...(issues ? { issues } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  };
}

export function sendApiError(reply: FastifyReply, error: DuetError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(DUET_ERROR_STATUS[error.code]).type('application/json; charset=utf-8').send(apiErrorBody(error));
}
