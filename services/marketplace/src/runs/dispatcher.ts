import type { RunJob } from '@duet/sdk/run';

/**
 * Hands stored runs to a judge: the engine in this process (no REDIS_URL), or a BullMQ queue that
 * `duet-judge worker`s consume. Either way progress comes back through RunProgress.
 */
export interface RunDispatcher {
  readonly kind: 'local' | 'queue';
  /** Idempotent by `job.runId`: dispatching a run twice judges it once where the queue can tell. */
  dispatch(job: RunJob): Promise<void>;
  /** Settles runs a previous process or a lost message left unfinished (called at start and periodically). */
  recover(): Promise<void>;
  close(): Promise<void>;
}
