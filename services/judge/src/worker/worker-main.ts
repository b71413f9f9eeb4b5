/**
 * `duet-judge worker`: judges runs from the marketplace's BullMQ queue (README "Rooms and runs"
 * lists the variables). SIGTERM/SIGINT: take no new runs, let running ones finish, exit.
 */
import { pino } from 'pino';
import { createSandboxDriver, sandboxAvailable } from '@duet/judge-engine';
import { createJudgeDataCache } from './judge-data-cache.js';
import { createRunWorker } from './run-worker.js';
import { readWorkerConfig } from './worker-config.js';

export async function workerMain(): Promise<void> {
  const config = readWorkerConfig(process.env);
  const log = pino({ level: config.logLevel });
  const driver = createSandboxDriver({ warmSandboxes: config.warmSandboxes, ...config.driver });
  const sandbox = await sandboxAvailable(driver);
  if (!sandbox.ok) log.warn(`sandbox unavailable, runs will end as IE: ${sandbox.reason ?? 'unknown reason'}`);
  const data = createJudgeDataCache({ dir: config.cacheDir, marketUrl: config.marketUrl, secret: config.workerSecret });
  const worker = createRunWorker({
    redisUrl: config.redisUrl,
    prefix: config.prefix,
    concurrency: config.concurrency,
    lockMs: config.lockMs,
    driver,
    data,
    onIncident: (incident) => log.error({ incident }, 'judge incident'),
    log: { info: (m) => log.info(m), error: (m) => log.error(m) },
  });
  worker.on('active', (job) => log.info(`run ${job.id} started (attempt ${job.attemptsStarted})`));
  worker.on('completed', (job) => log.info(`run ${job.id} done`));
  await worker.waitUntilReady();
  log.info(`duet-judge worker ${process.pid} taking runs from ${config.prefix}:duet-runs (concurrency ${config.concurrency}, lock ${config.lockMs} ms)`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing running runs, then exiting`);
    worker.close().then(
      async () => {
        await driver.close();
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
