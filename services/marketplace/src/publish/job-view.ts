import type { PublishJobView, PublishState } from '@duet/sdk/api';
import type { ProblemOutcome } from '@duet/sdk/pack';
import type { PublishJob } from '../generated/prisma/client.js';

export type JobReport = NonNullable<PublishJobView['problems']>;
export type JobError = NonNullable<PublishJobView['error']>;
export type JobProgress = NonNullable<PublishJobView['progress']>;

/** States a job is still in while some marketplace process works on it. */
export const ACTIVE_STATES = ['RECEIVED', 'JUDGING', 'STORING'] as const;

export function publishJobView(job: PublishJob): PublishJobView {
  return {
    id: job.id,
    name: job.packName,
    version: job.version,
    tag: job.tag,
    state: job.state.toLowerCase() as PublishState,
    integrity: job.integrity,
    size: job.size,
    progress: (job.progress as JobProgress | null) ?? null,
    problems: (job.report as JobReport | null) ?? null,
    error: (job.error as JobError | null) ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** What a job reports of the pack checks (`duet-pack test`'s outcome, trimmed). */
export function jobReport(outcomes: readonly ProblemOutcome[]): JobReport {
  return outcomes.map((o) => ({
    id: o.id,
    ok: o.ok,
    timeLimitMs: o.time_limit_ms,
    submissions: o.submissions.map((s) => ({ name: s.name, expected: s.expected, got: s.got ?? null, status: s.status, note: s.note ?? null })),
  }));
}
