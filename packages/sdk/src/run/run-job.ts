/**
 * The queue contract between the marketplace and judge workers (`duet-judge worker`): what a run
 * message carries (never tests: the problem's judge data is named by digest, and workers fetch it
 * from the marketplace and cache it), what a worker reports while judging, and the final result.
 */
import { z } from 'zod';
import { RUN_KINDS } from './bundle.js';

/** The BullMQ queue's name (its Redis keys are `<prefix>:duet-runs:*`). */
export const RUN_QUEUE_NAME = 'duet-runs';
/** `GET <marketplace>/internal/v1/judge-data/<sha256>` with `Authorization: Bearer <worker secret>`. */
export const JUDGE_DATA_PATH = '/internal/v1/judge-data';

export const runJobSchema = z
  .object({
    /** The marketplace's run id; also the job id, so a run is queued at most once. */
    runId: z.string().min(1).max(100),
    kind: z.enum(RUN_KINDS),
    code: z.string(),
    stdin: z.string().optional(),
    /** sha256 hex of the problem's ProblemData. */
    dataDigest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type RunJob = z.infer<typeof runJobSchema>;

/**
 * Job progress a worker reports, in order: `start` when it takes the run (again, after a takeover),
 * then one `test` per finished test. `attempt` says which pickup of the job this is (1 for the first
 * worker, 2 after a takeover, …), so repeats of a report are harmless.
 */
export type RunJobProgress =
  | { type: 'start'; attempt: number }
  | {
      type: 'test';
      index: number;
      /** TestResult. */
      result: unknown;
      attempt: number;
    };

/** The job's return value. */
export interface RunJobOutcome {
  /** RunResult. */
  result: unknown;
  /** The judge's own time for the run, ms. */
  judgeMs: number;
}
