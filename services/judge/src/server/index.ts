export { createJudgeServer, MIN_SECRET_LENGTH, type JudgeServerOptions } from './create-judge-server.js';
export { JUDGE_API_ERROR_CODES, JudgeConfigError, type JudgeApiErrorCode, type JudgeApiErrorBody } from './errors.js';
export type { RunEvent, RunStatus, RunView } from './run-record.js';
export type { QueueStats } from './run-queue.js';
