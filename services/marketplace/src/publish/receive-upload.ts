import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { distTagSchema, type PublishJobView } from '@duet/sdk/api';
import { extractPackTarball, PackTarballError, PackValidationError, sriIntegrity, validatePack, type LoadedPack } from '@duet/sdk/pack';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { Services } from '../services.js';
import { ACTIVE_STATES, publishJobView } from './job-view.js';

export interface UploadOptions {
  /** The dist-tag to point at the version (default `latest`). */
  tag?: string | undefined;
}

/**
 * The synchronous half of a publish, before answering 202: the tarball is unpacked with every
 * safety check and validated by the SDK loader (the client's own checks count for nothing), the
 * caller must be allowed to publish into the pack's scope, and the version must be new. Any refusal
 * leaves nothing behind. Then the job is recorded and queued for judging.
 */
export async function receiveUpload(services: Services, identity: Identity, tarball: Buffer, options: UploadOptions): Promise<PublishJobView> {
  const { prisma, config } = services;
  if (identity.kind === 'room') throw new DuetError('FORBIDDEN', 'a room token cannot publish packs');
  const tag = options.tag === undefined || options.tag === '' ? null : parseTag(options.tag);
  const jobId = randomUUID();
  const workDir = join(config.dataDir, 'work', jobId);
  let queued = false;
  try {
    const pack = await unpackAndValidate(tarball, workDir, config.publish.limits);
    const { name, version } = pack.manifest;
    const [scope = '', packName = ''] = name.slice(1).split('/');
    if (semver.prerelease(version) && tag === null) {
      throw new DuetError('BAD_REQUEST', `${name}@${version} is a prerelease: publish it with a dist-tag (e.g. --tag next) so latest does not move to it`);
    }
    const org = await orgForPublish(services, identity, scope, name);
    const existing = await prisma.packVersion.findFirst({ where: { version, pack: { scope, name: packName } }, select: { id: true } });
    if (existing) throw new DuetError('CONFLICT', `${name}@${version} is already published: versions are immutable, bump the version in pack.yaml`);
    const racing = await prisma.publishJob.findFirst({ where: { packName: name, version, state: { in: [...ACTIVE_STATES] } }, select: { id: true } });
    if (racing) throw new DuetError('CONFLICT', `${name}@${version} is being published already (publish job ${racing.id})`);

    const integrity = sriIntegrity(tarball);
    const job = await prisma.publishJob.create({
      data: {
        id: jobId,
        orgId: org.id,
        packName: name,
        version,
        tag: tag ?? 'latest',
        integrity,
        size: tarball.byteLength,
        instanceId: config.instanceId,
        requestedById: identity.kind === 'user' ? identity.userId : null,
        requestedByKeyId: identity.kind === 'apiKey' ? identity.keyId : null,
      },
    });
    services.publisher.enqueue({
      jobId,
      pack,
      workDir,
      tarball,
      integrity,
      orgId: org.id,
      scope,
      packName,
      version,
      tag: tag ?? 'latest',
      publishedById: identity.kind === 'user' ? identity.userId : null,
      publishedByKeyId: identity.kind === 'apiKey' ? identity.keyId : null,
    });
    queued = true;
    return publishJobView(job);
  } finally {
    if (!queued) await rm(workDir, { recursive: true, force: true });
  }
}

function parseTag(tag: string): string {
  const parsed = distTagSchema.safeParse(tag);
  if (!parsed.success) throw new DuetError('BAD_REQUEST', `tag: "${tag}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

async function unpackAndValidate(tarball: Buffer, workDir: string, limits: Services['config']['publish']['limits']): Promise<LoadedPack> {
  let dir: string;
  try {
    dir = (await extractPackTarball(tarball, workDir, limits)).dir;
  } catch (error) {
    if (error instanceof PackTarballError) {
      throw new DuetError(error.code === 'TARBALL_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'PACK_INVALID', `tarball refused: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const validation = await validatePack(dir);
  if (!validation.pack) {
    const invalid = new PackValidationError(validation.issues, 'pack');
    throw new DuetError('PACK_INVALID', invalid.message, { cause: invalid });
  }
  return validation.pack;
}

/**
 * The org whose scope the pack is in, if the caller may publish there. In development mode the
 * local developer's first publish into a new scope creates that org.
 */
async function orgForPublish(services: Services, identity: Identity, scope: string, name: string) {
  const { prisma } = services;
  if (identity.kind === 'user' && identity.dev && !(await prisma.org.findUnique({ where: { slug: scope } }))) {
    await prisma.org.create({ data: { slug: scope, name: scope, members: { create: { userId: identity.userId, role: 'OWNER' } } } }).catch(() => {});
    services.log.warn(`development mode: created org "${scope}" for the local developer`);
  }
  return (await requireOrg(prisma, identity, scope, { scope: 'packs:publish', action: `publish ${name}` })).org;
}
