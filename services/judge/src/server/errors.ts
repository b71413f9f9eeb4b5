import type { FastifyReply } from 'fastify';
import { DUET_ERROR_STATUS, type DuetErrorBody, type DuetErrorCode } from '@duet/sdk/run';

/** Answers `{error: {code, message}}` with the status of the code (the run contract's closed set). */
export function sendError(reply: FastifyReply, code: DuetErrorCode, message: string): FastifyReply {
  const body: DuetErrorBody = { error: { code, message } };
  return reply.code(DUET_ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** A bad `createJudgeServer` option or environment variable (the operator's mistake). */
export class JudgeConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'JudgeConfigError';
  }
}
