import { z } from 'zod';
import { DUET_ERROR_CODES } from '../run/errors.js';

/**
 * A publish job: `received` (the upload passed its checks and waits for the judge), `judging` (the
 * pack's submissions against their expectations), `storing` (tarball and test data into the blob
 * store, then one transaction makes the version visible), then `published` or `failed`.
 */
export const PUBLISH_STATES = ['received', 'judging', 'storing', 'published', 'failed'] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];

export const publishIssueView = z.object({ file: z.string(), field: z.string().optional(), message: z.string() });

export const publishJobView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** The dist-tag the version gets once published (null: none). */
  tag: z.string().nullable(),
  state: z.enum(PUBLISH_STATES),
  integrity: z.string(),
  size: z.number().int(),
  /** What the job is doing now, e.g. "two-sum: judging wrong_answer/off_by_one.py 3/12". */
  progress: z.object({ step: z.string(), done: z.number().int(), total: z.number().int() }).nullable(),
  /** Per-problem judging outcome, once judged. */
  problems: z
    .array(
      z.object({
        id: z.string(),
        ok: z.boolean(),
        timeLimitMs: z.number().int(),
        submissions: z.array(
          z.object({ name: z.string(), expected: z.string(), got: z.string().nullable(), status: z.enum(['ok', 'mismatch', 'skipped']), note: z.string().nullable() }),
        ),
      }),
    )
    .nullable(),
  error: z.object({ code: z.enum(DUET_ERROR_CODES as [string, ...string[]]), message: z.string(), issues: z.array(publishIssueView) }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PublishJobView = z.infer<typeof publishJobView>;

export const publishJobInput = z.object({ id: z.string().min(1).max(100) });

/** Query parameters of `POST /api/v1/publishes` (the body is the gzipped tarball). */
export const publishQuery = z.object({
  /** The dist-tag to point at the new version (default `latest`; prereleases need one). */
  tag: z.string().optional(),
});

/** Where the raw tarball upload goes (`Content-Type: application/gzip`). */
export const PUBLISH_PATH = '/api/v1/publishes';
