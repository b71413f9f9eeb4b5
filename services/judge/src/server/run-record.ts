import type { RunResult, TestResult } from '@duet/sdk/judge';
import type { RunBundle, RunEvent, RunStatus, RunView } from '@duet/sdk/run';

/** One run's state. Its bundle is dropped once the run starts being judged to done. */
export class RunRecord {
  status: RunStatus = 'queued';
  readonly tests: TestResult[] = [];
  result: RunResult | undefined;
  readonly kind: RunBundle['kind'];
  readonly total: number;
  readonly timeLimitMs: number;
  readonly createdAt = new Date();
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  readonly abort = new AbortController();
  readonly finished: Promise<RunResult>;
  private resolveFinished!: (result: RunResult) => void;
  private readonly listeners = new Set<(event: RunEvent) => void>();

  constructor(
    readonly id: string,
    public bundle: RunBundle | undefined,
  ) {
    this.kind = bundle?.kind ?? 'submit';
    this.total = bundle?.tests.length ?? 0;
    this.timeLimitMs = bundle?.limits.time_ms ?? 0;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** Replays what already happened, then follows live events; returns an unsubscribe function. */
  subscribe(listener: (event: RunEvent) => void, afterIndex = -1): () => void {
    this.tests.forEach((result, index) => {
      if (index > afterIndex) listener({ type: 'test', index, result });
    });
    if (this.result) {
      listener({ type: 'done', result: this.result });
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addTest(result: TestResult): void {
    if (this.result) return;
    const index = this.tests.push(result) - 1;
    for (const listener of this.listeners) listener({ type: 'test', index, result });
  }

  finish(result: RunResult): void {
    if (this.result) return;
    // The final result is authoritative; keep `tests` consistent with it for late readers.
    this.tests.splice(0, this.tests.length, ...result.tests);
    this.result = result;
    this.status = 'done';
    this.finishedAt = new Date();
    this.bundle = undefined;
    for (const listener of this.listeners) listener({ type: 'done', result });
    this.listeners.clear();
    this.resolveFinished(result);
  }

  view(queuePosition?: number): RunView {
    return {
      id: this.id,
      status: this.status,
      kind: this.kind,
      total: this.total,
      tests: this.tests,
      ...(this.result ? { result: this.result } : {}),
      ...(queuePosition !== undefined ? { queue_position: queuePosition } : {}),
      created_at: this.createdAt.toISOString(),
      ...(this.startedAt ? { started_at: this.startedAt.toISOString() } : {}),
      ...(this.finishedAt ? { finished_at: this.finishedAt.toISOString() } : {}),
    };
  }
}

/** A run that ended in a judge fault: whatever tests finished are kept, the verdict is IE. */
export function internalErrorResult(record: RunRecord, message: string): RunResult {
  const tests = [...record.tests];
  return {
    verdict: 'IE',
    kind: record.kind,
    tests,
    internal_error: message,
    passed: tests.filter((t) => t.verdict === 'AC').length,
    total: record.total,
    time_limit_ms: record.timeLimitMs,
    max_cpu_ms: tests.reduce((max, t) => Math.max(max, t.cpu_ms), 0),
    max_memory_kb: tests.reduce((max, t) => Math.max(max, t.memory_kb), 0),
  };
}
