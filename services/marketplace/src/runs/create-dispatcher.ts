import type { MarketplaceConfig } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';
import type { RunDispatcher } from './dispatcher.js';
import { createLocalDispatcher } from './local-dispatcher.js';
import type { ProblemDataCache } from './problem-data-cache.js';
import { createRunEngine } from './run-engine.js';
import type { RunProgress } from './run-progress.js';

/** The queue on Redis when REDIS_URL is set (BullMQ loaded only then), else the engine in-process. */
export async function createRunDispatcher(options: { config: MarketplaceConfig; prisma: PrismaClient; progress: RunProgress; data: ProblemDataCache; log: Logger }): Promise<RunDispatcher> {
  const { config, prisma, progress, log } = options;
  if (config.queue) {
    const { createQueueDispatcher } = await import('./queue-dispatcher.js');
    return createQueueDispatcher({ prisma, progress, log, redisUrl: config.queue.redisUrl, prefix: config.queue.prefix, deadlineMs: config.runs.deadlineMs });
  }
  return createLocalDispatcher({ prisma, progress, log, data: options.data, engine: createRunEngine(log, config.runs.concurrency), concurrency: config.runs.concurrency });
}
