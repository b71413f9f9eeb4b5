import { z } from 'zod';
import { RUN_KINDS } from '../run/bundle.js';
import { roomIdSchema } from './rooms.js';

/**
 * What runs.create accepts. `code` is capped by the service (413 naming the cap); the schema only
 * stops absurd bodies.
 */
export const runCreateInput = z.object({
  /** Implied by a room token; required with an API key. */
  roomId: roomIdSchema.optional(),
  kind: z.enum(RUN_KINDS),
  code: z.string().max(8 << 20),
  /** `custom` runs: the one input. */
  stdin: z.string().max(1 << 20).optional(),
});
export type RunCreateInput = z.input<typeof runCreateInput>;

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a run id');
export const runIdInput = z.object({ runId: runIdSchema });
export const runStreamInput = z.object({
  runId: runIdSchema,
  /** Resume after this event id (`tracked` ids: `t<index>` for tests). */
  lastEventId: z.string().max(40).nullish(),
});

const testResultView = z
  .object({ name: z.string(), verdict: z.string(), cpu_ms: z.number(), wall_ms: z.number(), memory_kb: z.number() })
  .passthrough();
const runResultView = z
  .object({ verdict: z.string(), kind: z.enum(RUN_KINDS), tests: z.array(testResultView), passed: z.number(), total: z.number() })
  .passthrough();

/** RunView of `@duet/sdk/run`, as a schema (the REST document and output validation). */
export const runView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done']),
  kind: z.enum(RUN_KINDS),
  total: z.number().int(),
  tests: z.array(testResultView),
  result: runResultView.optional(),
  queue_position: z.number().int().optional(),
  created_at: z.string(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
});
