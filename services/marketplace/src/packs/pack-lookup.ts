import { formatPackName, type PackRef } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import type { PrismaClient } from '../generated/prisma/client.js';
import { resolveRange } from './resolve-range.js';

/** A pack with its dist-tags as `{tag: version}`; NOT_FOUND when there is none. */
export async function findPack(prisma: PrismaClient, ref: PackRef) {
  const pack = await prisma.pack.findUnique({
    where: { scope_name: { scope: ref.scope, name: ref.pack } },
    include: { distTags: { include: { version: { select: { version: true } } } } },
  });
  if (!pack) throw new DuetError('NOT_FOUND', `no pack ${formatPackName(ref)}`);
  const distTags = Object.fromEntries(pack.distTags.map((t) => [t.tag, t.version.version]));
  return { pack, distTags };
}

/** The version a range resolves to (npm rules), with its problems in pack order. */
export async function findPackVersion(prisma: PrismaClient, ref: PackRef, range: string) {
  const { pack, distTags } = await findPack(prisma, ref);
  const versions = await prisma.packVersion.findMany({ where: { packId: pack.id }, select: { version: true, deprecated: true } });
  const name = formatPackName(ref);
  const picked = resolveRange(name, versions, distTags, range);
  if (!picked) throw new DuetError('NOT_FOUND', `no version of ${name} matches "${range}" (versions: ${versions.map((v) => v.version).join(', ') || 'none'})`);
  const version = await prisma.packVersion.findUniqueOrThrow({
    where: { packId_version: { packId: pack.id, version: picked } },
    include: { problems: { orderBy: { position: 'asc' } } },
  });
  return { pack, distTags, version };
}
