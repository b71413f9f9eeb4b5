import type { BlobStore } from '../blobs/blob-store.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { ACTIVE_STATES } from './job-view.js';

/**
 * Removes blobs a failed job wrote, unless a published version records them (content addressing
 * shares blobs between versions) or another active job staged them too.
 */
export async function deleteUnreferencedBlobs(prisma: PrismaClient, blobs: BlobStore, digests: readonly string[], jobId: string): Promise<string[]> {
  const unique = [...new Set(digests)];
  const recorded = new Set((await prisma.blob.findMany({ where: { digest: { in: unique } }, select: { digest: true } })).map((b) => b.digest));
  const others = await prisma.publishJob.findMany({
    where: { id: { not: jobId }, state: { in: [...ACTIVE_STATES] }, stagedDigests: { hasSome: unique } },
    select: { stagedDigests: true },
  });
  const stagedElsewhere = new Set(others.flatMap((job) => job.stagedDigests));
  const removable = unique.filter((digest) => !recorded.has(digest) && !stagedElsewhere.has(digest));
  for (const digest of removable) await blobs.delete(digest);
  return removable;
}
