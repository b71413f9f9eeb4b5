import { orgCreateInput, orgInput, orgListView, orgView, type MemberRole } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { z } from 'zod';
import { requireOrg, requireUser } from '../auth/access.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { authedProcedure, router } from '../trpc.js';
import { apiKeysRouter } from './api-keys.js';
import { membersRouter } from './org-members.js';

const role = (r: string) => r.toLowerCase() as MemberRole;

export const orgsRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/orgs', tags: ['orgs'], summary: 'Create an org (its slug is the scope of its packs); you become its owner' } })
    .input(orgCreateInput)
    .output(orgView)
    .mutation(async ({ ctx, input }) => {
      const user = requireUser(ctx.identity, 'create orgs');
      try {
        const org = await ctx.services.prisma.org.create({
          data: { slug: input.slug, name: input.name, members: { create: { userId: user.userId, role: 'OWNER' } } },
        });
        return { slug: org.slug, name: org.name, createdAt: org.createdAt.toISOString(), role: 'owner' as const };
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuetError('CONFLICT', `the org slug "${input.slug}" is taken`);
        throw error;
      }
    }),

  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/orgs', tags: ['orgs'], summary: "Your orgs (an API key: its own org)" } })
    .input(z.object({}))
    .output(orgListView)
    .query(async ({ ctx }) => {
      const { prisma } = ctx.services;
      const identity = ctx.identity;
      if (identity.kind === 'apiKey') {
        const org = await prisma.org.findUniqueOrThrow({ where: { id: identity.orgId } });
        return { orgs: [{ slug: org.slug, name: org.name, createdAt: org.createdAt.toISOString(), role: null }] };
      }
      const user = requireUser(identity, 'list orgs');
      const memberships = await prisma.member.findMany({ where: { userId: user.userId }, include: { org: true }, orderBy: { org: { slug: 'asc' } } });
      return { orgs: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, createdAt: m.org.createdAt.toISOString(), role: role(m.role) })) };
    }),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/orgs/{org}', tags: ['orgs'], summary: 'An org you belong to' } })
    .input(orgInput)
    .output(orgView)
    .query(async ({ ctx, input }) => {
      const { org, role: callerRole } = await requireOrg(ctx.services.prisma, ctx.identity, input.org, { scope: 'any', action: `read org "${input.org}"` });
      return { slug: org.slug, name: org.name, createdAt: org.createdAt.toISOString(), role: callerRole };
    }),

  members: membersRouter,
  apiKeys: apiKeysRouter,
});
