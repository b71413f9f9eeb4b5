import { Queue, QueueEvents } from 'bullmq';
import { RUN_QUEUE_NAME, type RunJob, type RunJobOutcome, type RunJobProgress, type RunResult } from '@duet/sdk/run';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';
import type { RunDispatcher } from './dispatcher.js';
import type { RunProgress } from './run-progress.js';
import { internalErrorResult } from './run-view.js';

export interface QueueDispatcherOptions {
  prisma: PrismaClient;
  progress: RunProgress;
  log: Logger;
  redisUrl: string;
  prefix: string;
  /** A run not done this long after it was stored ends as IE (no judge took it, or every one died). */
  deadlineMs?: number;
}

const KEEP_FINISHED_SECONDS = 24 * 3600;

/**
 * Runs go to the BullMQ queue `duet-runs` (job id = run id, so a run is queued once however often
 * it is dispatched); `duet-judge worker`s take them. What comes back travels on the queue's event
 * stream (BullMQ QueueEvents, a Redis stream every marketplace instance reads): job progress
 * carries the pickup (with its attempt number) and each test as it finishes, the completed event
 * the result, a failed event (a job that stalled twice: its workers died) an IE. Events are stored idempotently, so instances that all
 * hear them, and repeats, are harmless. What a stopped marketplace missed, `recover` reads from
 * the jobs themselves: a finished job's return value, a failed job's IE, a job that is gone queued
 * again; a run past its deadline ends as IE, so no run hangs.
 */
export async function createQueueDispatcher(options: QueueDispatcherOptions): Promise<RunDispatcher> {
  const { prisma, progress, log } = options;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue<RunJob, RunJobOutcome>(RUN_QUEUE_NAME, { connection, prefix: options.prefix });
  const events = new QueueEvents(RUN_QUEUE_NAME, { connection, prefix: options.prefix });
  queue.on('error', (error) => log.error({ err: error }, 'run queue error'));
  events.on('error', (error) => log.error({ err: error }, 'run queue events error'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([queue.waitUntilReady(), events.waitUntilReady()]),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`cannot reach Redis at REDIS_URL within 10 s`)), 10_000))),
    ]);
  } catch (error) {
    // Closing waits for a connection that never came: give it a moment, no more.
    await Promise.race([Promise.allSettled([events.close(), queue.close()]), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const deadlineMs = options.deadlineMs ?? 10 * 60_000;

  // Each run's events are stored in the order they came.
  const chains = new Map<string, Promise<void>>();
  const inOrder = (runId: string, step: () => Promise<void>): void => {
    const next = (chains.get(runId) ?? Promise.resolve())
      .then(step)
      .catch((error: unknown) => log.error({ err: error }, `storing progress of run ${runId} failed`));
    chains.set(runId, next);
    void next.finally(() => chains.get(runId) === next && chains.delete(runId));
  };

  const failRun = async (runId: string, why: string): Promise<void> => {
    const run = await prisma.run.findUnique({ where: { id: runId } });
    if (run && run.state !== 'DONE') await progress.done(runId, internalErrorResult(run, why), null);
  };

  events.on('progress', ({ jobId, data }) => {
    const report = data as unknown as RunJobProgress;
    if (!report || typeof report !== 'object') return;
    if (report.type === 'start') inOrder(jobId, () => progress.started(jobId, report.attempt));
    else if (report.type === 'test') inOrder(jobId, () => progress.test(jobId, report.index, report.result));
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    inOrder(jobId, async () => {
      const outcome = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as RunJobOutcome;
      await progress.done(jobId, outcome.result as RunResult, outcome.judgeMs);
    });
  });
  events.on('failed', ({ jobId, failedReason }) => inOrder(jobId, () => failRun(jobId, `the judge failed: ${failedReason}`)));

  const enqueue = (job: RunJob) =>
    queue.add(job.runId, job, { jobId: job.runId, attempts: 1, removeOnComplete: { age: KEEP_FINISHED_SECONDS }, removeOnFail: { age: KEEP_FINISHED_SECONDS } });

  let recovering = false;
  return {
    kind: 'queue',
    async dispatch(job) {
      await enqueue(job);
    },
    async recover() {
      if (recovering) return;
      recovering = true;
      try {
        const settledBefore = new Date(Date.now() - 2000);
        const open = await prisma.run.findMany({
          where: { state: { not: 'DONE' }, createdAt: { lt: settledBefore } },
          include: { room: { select: { problemId: true } } },
          take: 500,
        });
        for (const run of open) {
          const job = await queue.getJob(run.id);
          if (!job) {
            if (Date.now() - run.createdAt.getTime() > deadlineMs) {
              await failRun(run.id, `no judge finished this run within ${Math.round(deadlineMs / 1000)} s`);
              continue;
            }
            const problem = await prisma.problem.findUnique({ where: { id: run.room.problemId }, select: { judgeDataDigest: true } });
            if (!problem) await failRun(run.id, 'the problem of this run is gone');
            else await enqueue({ runId: run.id, kind: run.kind as RunJob['kind'], code: run.code, ...(run.stdin !== null ? { stdin: run.stdin } : {}), dataDigest: problem.judgeDataDigest });
            continue;
          }
          const state = await job.getState();
          if (state === 'completed') {
            const outcome = job.returnvalue as RunJobOutcome;
            await progress.done(run.id, outcome.result as RunResult, outcome.judgeMs);
          } else if (state === 'failed') {
            await failRun(run.id, `the judge failed: ${job.failedReason}`);
          } else if (Date.now() - run.createdAt.getTime() > deadlineMs) {
            await job.remove().catch(() => undefined);
            await failRun(run.id, `no judge finished this run within ${Math.round(deadlineMs / 1000)} s`);
          }
        }
      } finally {
        recovering = false;
      }
    },
    async close() {
      await Promise.allSettled([...chains.values()]);
      await events.close();
      await queue.close();
    },
  };
}
