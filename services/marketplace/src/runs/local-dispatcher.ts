import { runBundleFromProblemData, type RunJob } from '@duet/sdk/run';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';
import type { RunDispatcher } from './dispatcher.js';
import type { ProblemDataCache } from './problem-data-cache.js';
import type { RunEngine } from './run-engine.js';
import type { RunProgress } from './run-progress.js';
import { internalErrorResult } from './run-view.js';

export interface LocalDispatcherOptions {
  prisma: PrismaClient;
  progress: RunProgress;
  data: ProblemDataCache;
  engine: RunEngine;
  concurrency: number;
  log: Logger;
  /** A run picked up this many times without finishing (the process died each time) ends as IE. */
  maxAttempts?: number;
}

/**
 * The embedded judge: runs wait in memory and `concurrency` of them are judged at once. Runs are
 * stored before they are dispatched, so those a stopped process left unfinished are found at the
 * next start (`recover`) and judged again, or reported IE after `maxAttempts`. One instance per
 * database: several marketplaces sharing one need REDIS_URL.
 */
export function createLocalDispatcher(options: LocalDispatcherOptions): RunDispatcher {
  const { prisma, progress, log } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  const waiting: RunJob[] = [];
  const queued = new Set<string>();
  let running = 0;
  let closed = false;
  let recovered = false;
  const bootTime = new Date();
  const idle: Array<() => void> = [];

  const execute = async (job: RunJob): Promise<void> => {
    const t0 = performance.now();
    // The start is recorded while the judge works: tests and the result are written after it.
    let writes: Promise<void> = progress.started(job.runId).catch((error: unknown) => log.error({ err: error }, `recording the start of run ${job.runId} failed`));
    try {
      const data = await options.data.get(job.dataDigest);
      const bundle = runBundleFromProblemData(data, { kind: job.kind, code: job.code, ...(job.stdin !== undefined ? { stdin: job.stdin } : {}) });
      const result = await options.engine.judge(bundle, (test, index) => {
        writes = writes.then(() => progress.test(job.runId, index, test)).catch((error: unknown) => log.error({ err: error }, `storing a test of run ${job.runId} failed`));
      });
      await writes;
      await progress.done(job.runId, result, Math.round(performance.now() - t0));
    } catch (error) {
      log.error({ err: error }, `run ${job.runId} failed in the judge`);
      await writes;
      try {
        const run = await prisma.run.findUnique({ where: { id: job.runId } });
        if (run) await progress.done(job.runId, internalErrorResult(run, `the judge failed: ${(error as Error).message}`), null);
      } catch (stored) {
        // The database is away: the run stays unfinished and the next start's recovery judges it again.
        log.error({ err: stored }, `recording the failure of run ${job.runId} failed`);
      }
    }
  };

  const pump = (): void => {
    while (!closed && running < options.concurrency && waiting.length) {
      const job = waiting.shift()!;
      running++;
      void execute(job).finally(() => {
        running--;
        queued.delete(job.runId);
        if (running === 0 && waiting.length === 0) idle.splice(0).forEach((resolve) => resolve());
        pump();
      });
    }
  };

  return {
    kind: 'local',
    async dispatch(job) {
      if (closed || queued.has(job.runId)) return;
      queued.add(job.runId);
      waiting.push(job);
      pump();
    },
    async recover() {
      if (recovered) return;
      recovered = true;
      const left = await prisma.run.findMany({
        where: { state: { not: 'DONE' }, createdAt: { lt: bootTime } },
        include: { room: { select: { problemId: true } } },
        orderBy: { createdAt: 'asc' },
      });
      for (const run of left) {
        if (run.attempts >= maxAttempts) {
          await progress.done(run.id, internalErrorResult(run, `the judge stopped during this run ${run.attempts} times`), null);
          continue;
        }
        const problem = await prisma.problem.findUnique({ where: { id: run.room.problemId }, select: { judgeDataDigest: true } });
        if (!problem) {
          await progress.done(run.id, internalErrorResult(run, 'the problem of this run is gone'), null);
          continue;
        }
        await this.dispatch({ runId: run.id, kind: run.kind as RunJob['kind'], code: run.code, ...(run.stdin !== null ? { stdin: run.stdin } : {}), dataDigest: problem.judgeDataDigest });
      }
      if (left.length) log.warn(`re-dispatched or failed ${left.length} run(s) a previous stop left unfinished`);
    },
    async close() {
      closed = true;
      waiting.splice(0);
      if (running > 0) await new Promise<void>((resolve) => idle.push(resolve));
      await options.engine.close();
    },
  };
}
