import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from '../blobs/blob-store.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { ACTIVE_STATES, type JobError } from './job-view.js';
import { deleteUnreferencedBlobs } from './staged-blobs.js';

/** A running job updates its heartbeat every 10 s; one silent for this long lost its process. */
export const STALE_AFTER_MS = 60_000;

export interface RecoveryOptions {
  prisma: PrismaClient;
  blobs: BlobStore;
  /** Jobs of this instance (a previous run of this process) are recovered at once; others once stale. */
  instanceId: string;
  /** Where this instance extracts uploads (`<data dir>/work`). */
  workRoot: string;
  staleAfterMs?: number;
}

/**
 * Fails publish jobs whose process died (killed mid-publish): nothing of them is visible, since a
 * version appears only in the commit transaction; their staged blobs and extraction folders are
 * removed. Returns the ids it failed.
 */
export async function recoverPublishJobs(options: RecoveryOptions, atStart = false): Promise<string[]> {
  const { prisma, blobs } = options;
  const staleBefore = new Date(Date.now() - (options.staleAfterMs ?? STALE_AFTER_MS));
  const lost = await prisma.publishJob.findMany({
    where: {
      state: { in: [...ACTIVE_STATES] },
      OR: [{ heartbeatAt: { lt: staleBefore } }, ...(atStart ? [{ instanceId: options.instanceId }] : [])],
    },
  });
  const failed: string[] = [];
  for (const job of lost) {
    const error: JobError = {
      code: 'INTERNAL',
      message: `interrupted: the marketplace process stopped while this publish was ${job.state.toLowerCase()}; nothing of it was published: publish again`,
      issues: [],
    };
    const { count } = await prisma.publishJob.updateMany({
      where: { id: job.id, state: { in: [...ACTIVE_STATES] } },
      data: { state: 'FAILED', error, finishedAt: new Date(), progress: Prisma.DbNull },
    });
    if (count !== 1) continue;
    failed.push(job.id);
    if (job.stagedDigests.length) await deleteUnreferencedBlobs(prisma, blobs, job.stagedDigests, job.id);
    await rm(join(options.workRoot, job.id), { recursive: true, force: true });
  }
  if (atStart) await removeOrphanWorkDirs(prisma, options.workRoot);
  return failed;
}

/** Extraction folders of uploads that never became a job, or whose job is over. */
async function removeOrphanWorkDirs(prisma: PrismaClient, workRoot: string): Promise<void> {
  const names = await readdir(workRoot).catch(() => [] as string[]);
  if (names.length === 0) return;
  const active = new Set(
    (await prisma.publishJob.findMany({ where: { id: { in: names }, state: { in: [...ACTIVE_STATES] } }, select: { id: true } })).map((j) => j.id),
  );
  for (const name of names) if (!active.has(name)) await rm(join(workRoot, name), { recursive: true, force: true });
}
