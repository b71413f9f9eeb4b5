#!/usr/bin/env node
/**
 * `duet-judge`: the judge HTTP service, configured from the environment:
 *   DUET_JUDGE_SECRET (required, ≥ 16 chars)   DUET_JUDGE_PORT (default 4100)
 *   DUET_JUDGE_HOST (default 127.0.0.1)        DUET_JUDGE_CONCURRENCY (default: CPUs)
 *   DUET_JUDGE_QUEUE_LIMIT (default 64 × concurrency)
 *   DUET_JUDGE_RESULT_TTL_MS (default 600000)  DUET_JUDGE_LOG_LEVEL (default info)
 *   DUET_JUDGE_WARM_SANDBOXES (default 1: pre-started sandboxes per kind of run)
 * SIGTERM/SIGINT drain: no new runs, running runs get 30 s, then the process exits.
 *
 * `duet-judge worker`: instead of the HTTP API, judge runs from the marketplace's queue on Redis
 * (REDIS_URL, DUET_MARKET_URL, DUET_WORKER_SECRET; see src/worker/worker-config.ts).
 */
import { createSandboxDriver, sandboxAvailable } from '@duet/judge-engine';
import { createJudgeServer, JudgeConfigError, readEnvConfig } from './index.js';

async function main(): Promise<void> {
  const config = readEnvConfig(process.env);
  const driver = createSandboxDriver({ warmSandboxes: config.warmSandboxes, ...config.driver });
  const app = createJudgeServer({ ...config.server, driver, logger: { level: config.logLevel } });
  const sandbox = await sandboxAvailable(driver);
  if (!sandbox.ok) app.log.warn(`sandbox unavailable, runs will fail: ${sandbox.reason ?? 'unknown reason'}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: draining and shutting down`);
    app.close().then(
      async () => {
        await driver.close();
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}

const command = process.argv[2];
const start = command === 'worker' ? import('./worker/worker-main.js').then((m) => m.workerMain()) : command === undefined || command === 'serve' ? main() : Promise.reject(new JudgeConfigError(`unknown command "${command}": expected \`duet-judge\` (the HTTP service) or \`duet-judge worker\``));

start.catch((error: unknown) => {
  if (error instanceof JudgeConfigError) {
    process.stderr.write(`duet-judge: ${error.message}\n`);
    process.exit(2);
  }
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    process.stderr.write(`duet-judge: cannot listen: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stderr.write(`duet-judge: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

