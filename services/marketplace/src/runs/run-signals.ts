import { EventEmitter } from 'node:events';

/**
 * In-process wake-ups for run streams: whoever stores a run's progress calls `changed(runId)`, and
 * each open stream of that run re-reads what is new from the database. The database stays the
 * source of truth; a missed signal costs one poll interval, never an event.
 */
export interface RunSignals {
  changed(runId: string): void;
  /** Resolves at the next change of the run, or after `timeoutMs`, or when `signal` aborts. */
  next(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

export function createRunSignals(): RunSignals {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    changed: (runId) => void emitter.emit(runId),
    next(runId, timeoutMs, signal) {
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          emitter.off(runId, done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        emitter.once(runId, done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
  };
}
