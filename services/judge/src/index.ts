// Public entry of `@duet/judge` (private): the judge as a service, the HTTP API and run queue over
// `@duet/judge-engine`. Its wire types (bundle, run view, errors) are `@duet/sdk/run`.
export { createJudgeServer, MIN_SECRET_LENGTH, type JudgeServerOptions } from './server/create-judge-server.js';
export { JudgeConfigError } from './server/errors.js';
export { readEnvConfig, type JudgeEnvConfig } from './server/env-config.js';
export type { QueueStats } from './server/run-queue.js';
