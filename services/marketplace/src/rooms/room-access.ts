import type { ApiKeyScope } from '@duet/sdk/api';
import { hasRoomPermission, type RoomPermission } from '@duet/sdk/room';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { PrismaClient, Room } from '../generated/prisma/client.js';

export interface RoomNeed {
  /** Room tokens need this permission (without it they are refused). */
  permission?: RoomPermission;
  /** API keys need this scope (`any`: any key of the room's org). */
  scope: ApiKeyScope | 'any';
  /** For refusals: "end this room". */
  action: string;
}

export type RoomWithOrg = Room & { org: { slug: string } };

export async function findRoom(prisma: PrismaClient, roomId: string): Promise<RoomWithOrg> {
  const room = await prisma.room.findUnique({ where: { id: roomId } });
  if (!room) throw new DuetError('NOT_FOUND', `no room "${roomId}"`);
  const org = await prisma.org.findUniqueOrThrow({ where: { id: room.orgId }, select: { slug: true } });
  return { ...room, org };
}

/**
 * The room, if the caller may act on it: a room token for this very room with the permission, an
 * API key of the room's org with the scope, or a member of the org.
 */
export async function requireRoom(prisma: PrismaClient, identity: Identity, roomId: string, need: RoomNeed): Promise<RoomWithOrg> {
  if (identity.kind === 'room') {
    // Checked before any lookup: a token names its room and carries its org's slug.
    if (identity.claims.room !== roomId) throw new DuetError('FORBIDDEN', `this room token is for room "${identity.claims.room}", not "${roomId}"`);
    if (!need.permission) throw new DuetError('FORBIDDEN', `a room token cannot ${need.action}: use an API key`);
    if (!hasRoomPermission(identity.claims, need.permission)) {
      throw new DuetError('FORBIDDEN', `a ${identity.claims.role}'s token lacks the "${need.permission}" permission needed to ${need.action}`);
    }
    const room = await prisma.room.findUnique({ where: { id: roomId } });
    if (!room) throw new DuetError('NOT_FOUND', `no room "${roomId}"`);
    return { ...room, org: { slug: identity.claims.org } };
  }
  if (identity.kind === 'apiKey') {
    const room = await prisma.room.findUnique({ where: { id: roomId } });
    if (!room) throw new DuetError('NOT_FOUND', `no room "${roomId}"`);
    if (room.orgId !== identity.orgId) throw new DuetError('FORBIDDEN', `this API key belongs to another org than room "${roomId}"'s`);
    if (need.scope !== 'any' && !identity.scopes.includes(need.scope)) throw new DuetError('FORBIDDEN', `this API key lacks the "${need.scope}" scope needed to ${need.action}`);
    return { ...room, org: { slug: identity.orgSlug } };
  }
  const room = await findRoom(prisma, roomId);
  await requireOrg(prisma, identity, room.org.slug, { scope: need.scope, action: need.action });
  return room;
}

/** The org a new room belongs to: an API key's own (with `rooms:write`), or one the person is a member of. */
export async function orgForNewRoom(prisma: PrismaClient, identity: Identity, slug: string | undefined): Promise<{ id: string; slug: string }> {
  if (identity.kind === 'room') throw new DuetError('FORBIDDEN', 'a room token cannot create rooms: use an API key with the rooms:write scope');
  if (identity.kind === 'apiKey') {
    const { org } = await requireOrg(prisma, identity, slug ?? identity.orgSlug, { scope: 'rooms:write', action: 'create rooms' });
    return org;
  }
  if (!slug) {
    const memberships = await prisma.member.findMany({ where: { userId: identity.userId }, include: { org: { select: { id: true, slug: true } } }, take: 2 });
    if (memberships.length !== 1) throw new DuetError('BAD_REQUEST', `org: say which org the room belongs to (you are a member of ${memberships.length === 0 ? 'none' : 'several'})`);
    return memberships[0]!.org;
  }
  const { org } = await requireOrg(prisma, identity, slug, { action: 'create rooms' });
  return org;
}

export function requireOpen(room: Room, action: string): void {
  if (room.state === 'ENDED') throw new DuetError('CONFLICT', `room "${room.id}" has ended: cannot ${action}`);
}
