/**
 * Versions committed without judging, through the same code a publish ends with (problem
 * artifacts, blobs, the visibility transaction): for tests of reading, search and ranges, where the
 * judge is beside the point (publish.test.ts judges for real).
 */
import { randomUUID } from 'node:crypto';
import { loadPack, sha256Hex, createPackTarball } from '@duet/sdk/pack';
import { PROBLEM_DATA_MEDIA_TYPE } from '@duet/sdk/run';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { commitVersion } from '../../src/publish/commit-version.js';
import { problemArtifacts } from '../../src/publish/problem-artifacts.js';
import { TARBALL_MEDIA_TYPE } from '../../src/publish/publisher.js';
import type { Services } from '../../src/services.js';
import { packFolder, type PackOptions } from './packs.js';

export async function seedVersion(services: Services, options: PackOptions & { tag?: string }): Promise<void> {
  const { prisma, blobs } = services;
  const pack = await loadPack(await packFolder(options, services.config.dataDir));
  const tarball = await createPackTarball(pack);
  const [scope = '', name = ''] = pack.manifest.name.slice(1).split('/');
  const org = await prisma.org.findUniqueOrThrow({ where: { slug: scope } });
  const artifacts = await Promise.all(pack.problems.map((p) => problemArtifacts(p, 1000)));
  const data = artifacts.map((a) => Buffer.from(JSON.stringify(a.data)));
  await blobs.put(tarball.bytes, TARBALL_MEDIA_TYPE);
  for (const bytes of data) await blobs.put(bytes, PROBLEM_DATA_MEDIA_TYPE);
  const job = await prisma.publishJob.create({
    data: { id: randomUUID(), orgId: org.id, packName: pack.manifest.name, version: pack.manifest.version, state: 'STORING', integrity: tarball.integrity, size: tarball.bytes.byteLength, instanceId: 'seed' },
  });
  await commitVersion(prisma, {
    jobId: job.id,
    orgId: org.id,
    scope,
    pack: name,
    version: pack.manifest.version,
    tag: options.tag ?? 'latest',
    integrity: tarball.integrity,
    manifest: pack.manifest as unknown as Prisma.InputJsonValue,
    tarball: { digest: tarball.sha256, size: tarball.bytes.byteLength, mediaType: TARBALL_MEDIA_TYPE },
    problems: artifacts.map((a, i) => ({ artifacts: a, dataDigest: sha256Hex(data[i]!), dataSize: data[i]!.byteLength, dataMediaType: PROBLEM_DATA_MEDIA_TYPE })),
    publishedById: null,
    publishedByKeyId: null,
  });
}
