import { Worker, type Job } from 'bullmq';
import type { IncidentReporter, SandboxDriver } from '@duet/judge-engine';
import { judgeBundle } from '@duet/judge-engine';
import {
  RUN_QUEUE_NAME,
  runBundleFromProblemData,
  runJobSchema,
  type RunJob,
  type RunJobOutcome,
  type RunJobProgress,
  type RunResult,
} from '@duet/sdk/run';
import type { JudgeDataCache } from './judge-data-cache.js';

export interface RunWorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** How long a job's lock lasts without renewal: a worker dead this long loses its runs to others. */
  lockMs: number;
  driver: SandboxDriver;
  data: JudgeDataCache;
  onIncident?: IncidentReporter;
  log: { info(message: string): void; error(message: string): void };
}

/**
 * Takes runs from the `duet-runs` queue and judges them: the problem's judge data by digest (cached),
 * the bundle built by the run contract, each finished test reported as job progress, the result as
 * the job's return value. A judge fault is an IE result, never a thrown job. The lock is short and
 * renewed while judging (BullMQ does it at half the lock), and stalled jobs are checked as often as
 * the lock lasts, so a killed worker's runs go to another worker within about two lock durations;
 * one that stalls a second time fails (the marketplace reports IE).
 */
export function createRunWorker(options: RunWorkerOptions): Worker<RunJob, RunJobOutcome> {
  const process = async (job: Job<RunJob, RunJobOutcome>): Promise<RunJobOutcome> => {
    const t0 = performance.now();
    const attempt = job.attemptsStarted || 1;
    const parsed = runJobSchema.safeParse(job.data);
    if (!parsed.success) return { result: internalError('sample', `malformed run message: ${parsed.error.issues[0]?.message ?? 'invalid'}`), judgeMs: 0 };
    const run = parsed.data;
    let reports = Promise.resolve();
    const start: RunJobProgress = { type: 'start', attempt };
    await job.updateProgress(start as unknown as object).catch(() => undefined);
    try {
      const data = await options.data.get(run.dataDigest);
      const bundle = runBundleFromProblemData(data, { kind: run.kind, code: run.code, ...(run.stdin !== undefined ? { stdin: run.stdin } : {}) });
      const result = await judgeBundle(bundle, {
        driver: options.driver,
        ...(options.onIncident ? { onIncident: options.onIncident } : {}),
        onTest: (test, index) => {
          const progress: RunJobProgress = { type: 'test', index, result: test, attempt };
          reports = reports.then(() => job.updateProgress(progress as unknown as object)).catch(() => undefined);
        },
      });
      await reports;
      return { result, judgeMs: Math.round(performance.now() - t0) };
    } catch (error) {
      await reports;
      options.log.error(`run ${run.runId} failed in the judge: ${(error as Error).message}`);
      return { result: internalError(run.kind, `the judge failed: ${(error as Error).message}`), judgeMs: Math.round(performance.now() - t0) };
    }
  };

  const worker = new Worker<RunJob, RunJobOutcome>(RUN_QUEUE_NAME, process, {
    connection: { url: options.redisUrl, maxRetriesPerRequest: null },
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 1,
  });
  worker.on('error', (error) => options.log.error(`queue error: ${error.message}`));
  return worker;
}

function internalError(kind: RunJob['kind'], why: string): RunResult {
  return { verdict: 'IE', kind, tests: [], internal_error: why, passed: 0, total: 0, time_limit_ms: 0, max_cpu_ms: 0, max_memory_kb: 0 };
}
