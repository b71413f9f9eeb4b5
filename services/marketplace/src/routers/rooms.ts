import { randomBytes, randomUUID } from 'node:crypto';
import { parsePackSpec, roomCreateInput, roomCreateView, roomIdInput, roomTokenInput, roomTokenView, roomView } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { actorOf } from '../auth/actor.js';
import { findPackVersion } from '../packs/pack-lookup.js';
import { requireEntitlement } from '../packs/entitlement.js';
import { problemView } from '../packs/views.js';
import { endRoom } from '../rooms/end-room.js';
import { findRoom, orgForNewRoom, requireOpen, requireRoom } from '../rooms/room-access.js';
import { roomView as toRoomView } from '../rooms/room-view.js';
import { viewOfRoom } from '../rooms/room-views.js';
import type { Services } from '../services.js';
import { authedProcedure, router } from '../trpc.js';
import type { RoomRole } from '@duet/sdk/room';

const ROOM = '/rooms/{roomId}';
const TIMED = new Set(['interview', 'assessment']);

async function mint(services: Services, room: { id: string; orgSlug: string }, who: { userId?: string | undefined; name: string; role: RoomRole; ttlSeconds?: number | undefined }) {
  const user = who.userId ?? `u_${randomUUID().replaceAll('-', '')}`;
  const { token, claims } = await services.signer.sign({ room: room.id, org: room.orgSlug, user, name: who.name, role: who.role, ...(who.ttlSeconds ? { ttlSeconds: who.ttlSeconds } : {}) });
  return { token, userId: user, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

export const roomsRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/rooms', tags: ['rooms'], summary: 'Open a room on a problem of a pack version (and mint its participants\' tokens)' } })
    .input(roomCreateInput)
    .output(roomCreateView)
    .mutation(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const org = await orgForNewRoom(prisma, ctx.identity, input.org);
      const spec = parsePackSpec(input.pack);
      if (!spec) throw new DuetError('BAD_REQUEST', `pack: "${input.pack}" is not a scoped pack spec such as @acme/basics@^1.2`);
      const { pack, version } = await findPackVersion(prisma, spec, spec.range);
      await requireEntitlement(prisma, org.id, pack);
      const problem = version.problems.find((p) => p.slug === input.problem);
      if (!problem) throw new DuetError('NOT_FOUND', `${spec.name}@${version.version} has no problem "${input.problem}" (it has ${version.problems.map((p) => p.slug).join(', ')})`);
      const now = new Date();
      const duration = input.durationSeconds ?? null;
      const timed = duration !== null || TIMED.has(input.mode);
      const room = await prisma.room.create({
        data: {
          id: `rm_${randomBytes(12).toString('base64url')}`,
          orgId: org.id,
          packVersionId: version.id,
          problemId: problem.id,
          packRef: `${spec.name}@${version.version}`,
          problemSlug: problem.slug,
          mode: input.mode.toUpperCase() as 'PRACTICE',
          durationSeconds: duration,
          ...(timed ? { startedAt: now } : {}),
          ...(duration !== null ? { endsAt: new Date(now.getTime() + duration * 1000) } : {}),
        },
      });
      const view = toRoomView(room, org.slug, problemView(problem), ctx.services.config.collab?.url);
      void ctx.services.collab.post(room.id, {
        meta: {
          problem: room.problemSlug,
          pack: room.packRef,
          mode: view.mode,
          state: 'open',
          language: 'python',
          ...(view.durationSeconds !== undefined ? { durationSeconds: view.durationSeconds } : {}),
          ...(view.startedAt ? { startedAt: view.startedAt } : {}),
          ...(view.endsAt ? { endsAt: view.endsAt } : {}),
        },
      });
      if (!input.participants?.length) return view;
      const tokens = [];
      for (const p of input.participants) {
        const minted = await mint(ctx.services, { id: room.id, orgSlug: org.slug }, { userId: p.id, name: p.name, role: p.role });
        tokens.push({ name: p.name, role: p.role, userId: minted.userId, token: minted.token });
      }
      return { ...view, tokens };
    }),

  token: authedProcedure
    .meta({ openapi: { method: 'POST', path: `${ROOM}/tokens`, tags: ['rooms'], summary: 'Mint a participant token for a room (the widget and the collaboration service take it)' } })
    .input(roomTokenInput)
    .output(roomTokenView)
    .mutation(async ({ ctx, input }) => {
      if (ctx.identity.kind === 'room') throw new DuetError('FORBIDDEN', 'a room token cannot mint room tokens: use an API key with the rooms:write scope');
      const room = await requireRoom(ctx.services.prisma, ctx.identity, input.roomId, { scope: 'rooms:write', action: 'mint room tokens' });
      requireOpen(room, 'mint tokens for it');
      const minted = await mint(ctx.services, { id: room.id, orgSlug: room.org.slug }, input);
      return { token: minted.token, expiresAt: minted.expiresAt };
    }),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: ROOM, tags: ['rooms'], summary: 'A room and its public problem view' } })
    .input(roomIdInput)
    .output(roomView)
    .query(async ({ ctx, input }) => {
      const room = await requireRoom(ctx.services.prisma, ctx.identity, input.roomId, { permission: 'view', scope: 'any', action: 'read this room' });
      return viewOfRoom(ctx.services, room);
    }),

  end: authedProcedure
    .meta({ openapi: { method: 'POST', path: `${ROOM}/end`, tags: ['rooms'], summary: 'End a room (its document turns read-only history; webhooks get room.ended)' } })
    .input(roomIdInput)
    .output(roomView)
    .mutation(async ({ ctx, input }) => {
      const room = await requireRoom(ctx.services.prisma, ctx.identity, input.roomId, { permission: 'end', scope: 'rooms:write', action: 'end this room' });
      if (room.state === 'ENDED') return viewOfRoom(ctx.services, await findRoom(ctx.services.prisma, room.id));
      return endRoom(ctx.services, room, actorOf(ctx.identity));
    }),
});
