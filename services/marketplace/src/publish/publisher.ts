import { rm } from 'node:fs/promises';
import { PackValidationError, sha256Hex, testProblem, type LoadedPack, type PackIssue, type PackJudge, type ProblemOutcome } from '@duet/sdk/pack';
import { isDuetError, PROBLEM_DATA_MEDIA_TYPE } from '@duet/sdk/run';
import type { BlobStore } from '../blobs/blob-store.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';
import { commitVersion } from './commit-version.js';
import { ACTIVE_STATES, jobReport, type JobError } from './job-view.js';
import { problemArtifacts, type ProblemArtifacts } from './problem-artifacts.js';
import { deleteUnreferencedBlobs } from './staged-blobs.js';

export const TARBALL_MEDIA_TYPE = 'application/gzip';

/** An accepted upload, ready to be judged (see receive-upload.ts). */
export interface PublishWork {
  jobId: string;
  pack: LoadedPack;
  /** The extracted tarball's folder: removed when the job ends. */
  workDir: string;
  tarball: Buffer;
  integrity: string;
  orgId: string;
  scope: string;
  packName: string;
  version: string;
  tag: string | null;
  publishedById: string | null;
  publishedByKeyId: string | null;
}

/** Runs publish jobs in this process: judging, storing, the visibility transaction. */
export interface Publisher {
  enqueue(work: PublishWork): void;
  /** Jobs queued or running here. */
  active(): number;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  /** Fails what is queued or running (nothing of it becomes visible) and releases the judge. */
  close(): Promise<void>;
}

/** The judge publish checks use, created on first use (the sandbox costs nothing until a pack is published). */
export interface PublishJudge {
  judge(): Promise<PackJudge>;
  close(): Promise<void>;
}

export interface PublisherOptions {
  prisma: PrismaClient;
  blobs: BlobStore;
  judge: PublishJudge;
  concurrency: number;
  log: Logger;
  /** How often a running job says it is alive (default 10 s); recovery fails jobs silent for longer than STALE_AFTER_MS. */
  heartbeatMs?: number;
  /** Called after a version became visible. */
  onPublished?: () => void;
}

/** A job whose state some other party changed (recovery, shutdown): stop quietly. */
class JobInterrupted extends Error {}

const PROGRESS_INTERVAL_MS = 500;
const CLOSE_GRACE_MS = 10_000;

export function createPublisher(options: PublisherOptions): Publisher {
  const { prisma, blobs, log } = options;
  const queue: PublishWork[] = [];
  const running = new Map<string, Promise<void>>();
  let closed = false;
  const idleWaiters: Array<() => void> = [];

  /** Every state change is conditional on the job still being active, so a failed job never comes back. */
  const transition = async (jobId: string, data: Prisma.PublishJobUpdateManyMutationInput) => {
    const { count } = await prisma.publishJob.updateMany({ where: { id: jobId, state: { in: [...ACTIVE_STATES] } }, data: { ...data, heartbeatAt: new Date() } });
    if (count !== 1) throw new JobInterrupted(`publish job ${jobId} is no longer active`);
  };

  const heartbeat = setInterval(() => {
    if (running.size === 0) return;
    prisma.publishJob
      .updateMany({ where: { id: { in: [...running.keys()] }, state: { in: [...ACTIVE_STATES] } }, data: { heartbeatAt: new Date() } })
      .catch((error: unknown) => log.error({ err: error }, 'publish heartbeat failed'));
  }, options.heartbeatMs ?? 10_000);
  heartbeat.unref();

  const judgeAll = async (work: PublishWork): Promise<ProblemOutcome[]> => {
    await transition(work.jobId, { state: 'JUDGING' });
    const judge = await options.judge.judge();
    const total = work.pack.problems.length;
    const outcomes: ProblemOutcome[] = [];
    let lastWrite = 0;
    for (const [index, problem] of work.pack.problems.entries()) {
      const onProgress = (step: string) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        transition(work.jobId, { progress: { step, done: index, total } }).catch(() => {});
      };
      outcomes.push(await testProblem(problem, judge, { complexity: false, onProgress }));
    }
    await transition(work.jobId, { report: jobReport(outcomes), progress: { step: 'judged', done: total, total } });
    return outcomes;
  };

  const store = async (work: PublishWork, outcomes: ProblemOutcome[]) => {
    const artifacts: ProblemArtifacts[] = [];
    for (const [index, problem] of work.pack.problems.entries()) artifacts.push(await problemArtifacts(problem, outcomes[index]!.time_limit_ms));
    const data = artifacts.map((a) => Buffer.from(JSON.stringify(a.data)));
    const tarballDigest = sha256Hex(work.tarball);
    const dataDigests = data.map((bytes) => sha256Hex(bytes));
    // Recorded before the first write: if this process dies now, recovery knows what to remove.
    await transition(work.jobId, { state: 'STORING', stagedDigests: [tarballDigest, ...dataDigests], progress: { step: 'storing', done: 0, total: data.length + 1 } });
    await blobs.put(work.tarball, TARBALL_MEDIA_TYPE);
    for (const bytes of data) await blobs.put(bytes, PROBLEM_DATA_MEDIA_TYPE);
    await commitVersion(prisma, {
      jobId: work.jobId,
      orgId: work.orgId,
      scope: work.scope,
      pack: work.packName,
      version: work.version,
      tag: work.tag,
      integrity: work.integrity,
      manifest: work.pack.manifest as unknown as Prisma.InputJsonValue,
      tarball: { digest: tarballDigest, size: work.tarball.byteLength, mediaType: TARBALL_MEDIA_TYPE },
      problems: artifacts.map((a, i) => ({ artifacts: a, dataDigest: dataDigests[i]!, dataSize: data[i]!.byteLength, dataMediaType: PROBLEM_DATA_MEDIA_TYPE })),
      publishedById: work.publishedById,
      publishedByKeyId: work.publishedByKeyId,
    });
    options.onPublished?.();
  };

  const fail = async (jobId: string, error: JobError) => {
    const job = await prisma.publishJob.findUnique({ where: { id: jobId }, select: { stagedDigests: true } });
    const { count } = await prisma.publishJob.updateMany({
      where: { id: jobId, state: { in: [...ACTIVE_STATES] } },
      data: { state: 'FAILED', error, finishedAt: new Date(), progress: Prisma.DbNull },
    });
    if (count === 1 && job?.stagedDigests.length) await deleteUnreferencedBlobs(prisma, blobs, job.stagedDigests, jobId);
  };

  const run = async (work: PublishWork) => {
    try {
      const outcomes = await judgeAll(work);
      const failure = checkFailure(outcomes);
      if (failure) await fail(work.jobId, failure);
      else await store(work, outcomes);
    } catch (error) {
      if (!(error instanceof JobInterrupted)) {
        const jobError = jobErrorOf(error);
        if (jobError.code === 'INTERNAL') log.error({ err: error }, `publish job ${work.jobId} failed`);
        await fail(work.jobId, jobError).catch((e: unknown) => log.error({ err: e }, `cannot record the failure of publish job ${work.jobId}`));
      }
    } finally {
      await rm(work.workDir, { recursive: true, force: true });
    }
  };

  const pump = () => {
    while (!closed && running.size < options.concurrency && queue.length > 0) {
      const work = queue.shift()!;
      const done = run(work).finally(() => {
        running.delete(work.jobId);
        pump();
      });
      running.set(work.jobId, done);
    }
    if (running.size === 0 && queue.length === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  return {
    enqueue(work) {
      if (closed) throw new Error('the publisher is closed');
      queue.push(work);
      pump();
    },
    active: () => queue.length + running.size,
    idle: () => (running.size === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async close() {
      closed = true;
      clearInterval(heartbeat);
      const shutdown: JobError = { code: 'SHUTTING_DOWN', message: 'the marketplace shut down during this publish; nothing of it was published: publish again', issues: [] };
      for (const work of queue.splice(0)) {
        await fail(work.jobId, shutdown).catch(() => {});
        await rm(work.workDir, { recursive: true, force: true });
      }
      await Promise.all([...running.keys()].map((id) => fail(id, shutdown).catch(() => {})));
      // Their commits would be refused now; a judge still busy gets a grace period, not forever.
      await Promise.race([Promise.allSettled(running.values()), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
      await options.judge.close();
    },
  };
}

/** Submissions that did not get their folder's verdict fail the publish; a judge fault is ours, not the author's. */
function checkFailure(outcomes: readonly ProblemOutcome[]): JobError | null {
  const mismatches = outcomes.flatMap((o) => o.submissions.filter((s) => s.status === 'mismatch').map((s) => ({ problem: o.id, s })));
  if (mismatches.length === 0) return null;
  const judgeFaults = mismatches.filter(({ s }) => s.got === 'IE');
  if (judgeFaults.length) {
    return { code: 'INTERNAL', message: `the judge failed on ${judgeFaults.map(({ problem, s }) => `${problem}/${s.name}`).join(', ')}: publish again later`, issues: [] };
  }
  const issues: PackIssue[] = mismatches.map(({ problem, s }) => ({
    file: `problems/${problem}/submissions/${s.name}`,
    message: `expected ${s.expected}, got ${s.got ?? 'nothing'}${s.note ? ` (${s.note})` : ''}`,
  }));
  const count = issues.length === 1 ? '1 submission does' : `${issues.length} submissions do`;
  return { code: 'PACK_INVALID', message: `${count} not get the verdict of its folder`, issues };
}

function jobErrorOf(error: unknown): JobError {
  if (error instanceof PackValidationError) {
    return { code: 'PACK_INVALID', message: error.message, issues: error.issues.map(({ file, field, message }) => ({ file, ...(field ? { field } : {}), message })) };
  }
  if (isDuetError(error)) return { code: error.code, message: error.message, issues: [] };
  return { code: 'INTERNAL', message: 'internal error while publishing (the operator\'s log has the details)', issues: [] };
}
