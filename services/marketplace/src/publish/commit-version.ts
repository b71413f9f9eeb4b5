import { DuetError } from '@duet/sdk/run';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { refreshListing } from '../packs/listing.js';
import type { ProblemArtifacts } from './problem-artifacts.js';

export interface VersionToCommit {
  jobId: string;
  orgId: string;
  scope: string;
  pack: string;
  version: string;
  tag: string | null;
  integrity: string;
  manifest: Prisma.InputJsonValue;
  tarball: { digest: string; size: number; mediaType: string };
  problems: Array<{ artifacts: ProblemArtifacts; dataDigest: string; dataSize: number; dataMediaType: string }>;
  publishedById: string | null;
  publishedByKeyId: string | null;
}

/**
 * The one transaction that makes a version visible: the job must still be STORING (recovery may
 * have failed it), then the blob rows, the pack (on its first publish), the version, its problems,
 * the dist-tags (`latest` when asked, or when the pack has none yet) and the job's PUBLISHED state
 * commit together. Before it nothing of the version can be read; after it all of it can.
 */
export async function commitVersion(prisma: PrismaClient, v: VersionToCommit): Promise<string> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const claimed = await tx.publishJob.updateMany({ where: { id: v.jobId, state: 'STORING' }, data: { state: 'PUBLISHED', finishedAt: new Date(), progress: Prisma.DbNull } });
        if (claimed.count !== 1) throw new DuetError('CONFLICT', `publish job ${v.jobId} is no longer storing (it was interrupted or cancelled)`);
        const blobs = [v.tarball, ...v.problems.map((p) => ({ digest: p.dataDigest, size: p.dataSize, mediaType: p.dataMediaType }))];
        for (const blob of blobs) {
          await tx.blob.upsert({ where: { digest: blob.digest }, create: blob, update: {} });
        }
        const pack =
          (await tx.pack.findUnique({ where: { scope_name: { scope: v.scope, name: v.pack } } })) ??
          (await tx.pack.create({ data: { scope: v.scope, name: v.pack, orgId: v.orgId, latestVersion: v.version, title: '' } }));
        if (pack.orgId !== v.orgId) throw new DuetError('FORBIDDEN', `@${v.scope}/${v.pack} belongs to another org`);
        const version = await tx.packVersion.create({
          data: {
            packId: pack.id,
            version: v.version,
            integrity: v.integrity,
            tarballDigest: v.tarball.digest,
            tarballSize: v.tarball.size,
            manifest: v.manifest,
            publishedById: v.publishedById,
            publishedByKeyId: v.publishedByKeyId,
          },
        });
        await tx.problem.createMany({
          data: v.problems.map(({ artifacts: a, dataDigest }, position) => ({
            versionId: version.id,
            slug: a.slug,
            position,
            title: a.title,
            difficulty: a.difficulty,
            tags: a.tags,
            interfaceType: a.interfaceType,
            timeLimitMs: a.timeLimitMs,
            publicView: a.publicView as unknown as Prisma.InputJsonValue,
            statement: a.statement,
            judgeDataDigest: dataDigest,
          })),
        });
        const hasLatest = (await tx.distTag.count({ where: { packId: pack.id, tag: 'latest' } })) > 0;
        const tags = new Set(v.tag ? [v.tag] : []);
        if (!hasLatest) tags.add('latest');
        for (const tag of tags) {
          await tx.distTag.upsert({ where: { packId_tag: { packId: pack.id, tag } }, create: { packId: pack.id, tag, versionId: version.id }, update: { versionId: version.id } });
        }
        if (tags.has('latest')) await refreshListing(tx, pack.id, version.id);
        await tx.publishJob.update({ where: { id: v.jobId }, data: { versionId: version.id } });
        return version.id;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuetError('CONFLICT', `@${v.scope}/${v.pack}@${v.version} is already published: versions are immutable, bump the version in pack.yaml`);
    throw error;
  }
}
