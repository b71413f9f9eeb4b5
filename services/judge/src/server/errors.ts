import type { FastifyReply } from 'fastify';

/** The closed set of error codes the judge API answers with (`{error: {code, message}}`). */
export const JUDGE_API_ERROR_CODES = [
  'UNAUTHORIZED',
  'BUNDLE_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'QUEUE_FULL',
  'NOT_FOUND',
  'SHUTTING_DOWN',
  'INTERNAL',
] as const;
export type JudgeApiErrorCode = (typeof JUDGE_API_ERROR_CODES)[number];

export interface JudgeApiErrorBody {
  error: { code: JudgeApiErrorCode; message: string };
}

export function sendError(reply: FastifyReply, status: number, code: JudgeApiErrorCode, message: string): FastifyReply {
  const body: JudgeApiErrorBody = { error: { code, message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** A bad `createJudgeServer` option or environment variable (the operator's mistake). */
export class JudgeConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'JudgeConfigError';
  }
}
