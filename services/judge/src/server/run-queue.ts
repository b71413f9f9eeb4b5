import { randomUUID } from 'node:crypto';
import type { RunResult, TestResult } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import { RunRecord, internalErrorResult } from './run-record.js';

/** Judges one bundle (in production: `judgeBundle` with the sandbox driver). */
export type ExecuteRun = (bundle: RunBundle, opts: { onTest: (result: TestResult) => void; signal: AbortSignal }) => Promise<RunResult>;

export interface RunQueueOptions {
  execute: ExecuteRun;
  /** Runs judged at the same time. */
  concurrency: number;
  /** Runs waiting to start, at most; beyond that `submit` answers 'full'. */
  queueLimit: number;
  /** How long a finished run stays readable. */
  resultTtlMs: number;
  /** Finished runs kept at most; the oldest are evicted first. */
  maxFinished: number;
}

export interface QueueStats {
  queued: number;
  running: number;
  finished: number;
  concurrency: number;
  queue_limit: number;
}

/**
 * A bounded FIFO of runs with a fixed number of judging slots. Records live in one map until their
 * TTL passes (or the finished-count cap pushes them out), so status reads and SSE replays work for
 * queued, running and recently finished runs alike.
 */
export class RunQueue {
  private readonly runs = new Map<string, RunRecord>();
  private readonly waiting: RunRecord[] = [];
  private readonly running = new Set<RunRecord>();
  /** Finished run ids in finishing order, for the count cap. */
  private readonly finishedOrder = new Set<string>();
  private readonly expiry = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly opts: RunQueueOptions) {}

  submit(bundle: RunBundle): RunRecord | 'full' | 'closed' {
    if (this.closed) return 'closed';
    const free = this.running.size < this.opts.concurrency;
    if (!free && this.waiting.length >= this.opts.queueLimit) return 'full';
    const record = new RunRecord(randomUUID(), bundle);
    this.runs.set(record.id, record);
    this.waiting.push(record);
    this.pump();
    return record;
  }

  get(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  /** Runs ahead of a queued run, or undefined when it is not waiting. */
  positionOf(record: RunRecord): number | undefined {
    const index = this.waiting.indexOf(record);
    return index < 0 ? undefined : index;
  }

  stats(): QueueStats {
    return {
      queued: this.waiting.length,
      running: this.running.size,
      finished: this.finishedOrder.size,
      concurrency: this.opts.concurrency,
      queue_limit: this.opts.queueLimit,
    };
  }

  /**
   * Stops taking runs. Waiting runs end as IE at once; running runs get `graceMs` to finish, then
   * are aborted (and end as IE). Resolves when every run has a result.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closed = true;
    for (const record of this.waiting.splice(0)) {
      this.complete(record, internalErrorResult(record, 'the judge shut down before the run started'));
    }
    const pending = [...this.running].map((record) => record.finished);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(pending), graceOver]);
    clearTimeout(timer);
    for (const record of this.running) record.abort.abort(new Error('the judge shut down during the run'));
    await Promise.all(pending);
    for (const timeout of this.expiry.values()) clearTimeout(timeout);
    this.expiry.clear();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.opts.concurrency) {
      const record = this.waiting.shift();
      if (!record) return;
      void this.start(record);
    }
  }

  private async start(record: RunRecord): Promise<void> {
    const bundle = record.bundle;
    this.running.add(record);
    record.status = 'running';
    record.startedAt = new Date();
    let result: RunResult;
    try {
      if (!bundle) throw new Error('run bundle missing');
      result = await this.opts.execute(bundle, { onTest: (test) => record.addTest(test), signal: record.abort.signal });
    } catch (error) {
      const aborted = record.abort.signal.aborted;
      const reason = aborted ? record.abort.signal.reason : error;
      result = internalErrorResult(record, reason instanceof Error ? reason.message : String(reason));
    }
    this.running.delete(record);
    this.complete(record, result);
    this.pump();
  }

  private complete(record: RunRecord, result: RunResult): void {
    record.finish(result);
    this.finishedOrder.add(record.id);
    const timeout = setTimeout(() => this.evict(record.id), this.opts.resultTtlMs);
    timeout.unref();
    this.expiry.set(record.id, timeout);
    while (this.finishedOrder.size > this.opts.maxFinished) {
      const oldest = this.finishedOrder.values().next().value;
      if (oldest === undefined) break;
      this.evict(oldest);
    }
  }

  private evict(id: string): void {
    clearTimeout(this.expiry.get(id));
    this.expiry.delete(id);
    this.finishedOrder.delete(id);
    this.runs.delete(id);
  }
}
