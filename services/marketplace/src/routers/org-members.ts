import { memberAddInput, memberListView, memberRemoveInput, memberView, orgInput, type MemberRole } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { authedProcedure, router } from '../trpc.js';

const toDb = (role: MemberRole) => role.toUpperCase() as 'OWNER' | 'ADMIN' | 'MEMBER';

/** An org's members, oldest first, by their Clerk user ids. */
async function memberList(prisma: PrismaClient, orgId: string) {
  const members = await prisma.member.findMany({ where: { orgId }, include: { user: true }, orderBy: { createdAt: 'asc' } });
  return {
    members: members.map((m) => ({ userId: m.user.externalId, displayName: m.user.displayName, role: m.role.toLowerCase() as MemberRole, since: m.createdAt.toISOString() })),
  };
}

/** Members are managed by people (admins; owners for owners), never by API keys. */
export const membersRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/orgs/{org}/members', tags: ['orgs'], summary: "An org's members" } })
    .input(orgInput)
    .output(memberListView)
    .query(async ({ ctx, input }) => {
      const { org } = await requireOrg(ctx.services.prisma, ctx.identity, input.org, { action: `list the members of org "${input.org}"` });
      return memberList(ctx.services.prisma, org.id);
    }),

  add: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/orgs/{org}/members', tags: ['orgs'], summary: 'Add a person (by Clerk user id) to an org' } })
    .input(memberAddInput)
    .output(memberView)
    .mutation(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const { org } = await requireOrg(prisma, ctx.identity, input.org, { role: input.role === 'owner' ? 'owner' : 'admin', action: `add ${input.role}s to org "${input.org}"` });
      const user = await prisma.user.upsert({ where: { externalId: input.userId }, create: { externalId: input.userId }, update: {} });
      try {
        const member = await prisma.member.create({ data: { orgId: org.id, userId: user.id, role: toDb(input.role) } });
        return { userId: user.externalId, displayName: user.displayName, role: input.role, since: member.createdAt.toISOString() };
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuetError('CONFLICT', `${input.userId} is already a member of org "${input.org}"`);
        throw error;
      }
    }),

  remove: authedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/orgs/{org}/members/{userId}', tags: ['orgs'], summary: 'Remove a person from an org' } })
    .input(memberRemoveInput)
    .output(memberListView)
    .mutation(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const { org, role } = await requireOrg(prisma, ctx.identity, input.org, { role: 'admin', action: `remove members of org "${input.org}"` });
      const user = await prisma.user.findUnique({ where: { externalId: input.userId } });
      const member = user ? await prisma.member.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } }) : null;
      if (!user || !member) throw new DuetError('NOT_FOUND', `${input.userId} is not a member of org "${input.org}"`);
      if (member.role === 'OWNER') {
        if (role !== 'owner') throw new DuetError('FORBIDDEN', `only owners can remove an owner of org "${input.org}"`);
        const owners = await prisma.member.count({ where: { orgId: org.id, role: 'OWNER' } });
        if (owners === 1) throw new DuetError('CONFLICT', `${input.userId} is the last owner of org "${input.org}": add another owner first`);
      }
      await prisma.member.delete({ where: { orgId_userId: { orgId: org.id, userId: user.id } } });
      return memberList(prisma, org.id);
    }),
});
