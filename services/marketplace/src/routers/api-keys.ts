import { apiKeyCreatedView, apiKeyCreateInput, apiKeyListView, apiKeyRevokeInput, apiKeyView, orgInput, type ApiKeyScope, type ApiKeyView } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import { apiKeyLabel, generateApiKey } from '../auth/api-keys.js';
import type { ApiKey } from '../generated/prisma/client.js';
import { authedProcedure, router } from '../trpc.js';

function view(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: apiKeyLabel(key.publicId),
    scopes: key.scopes as ApiKeyScope[],
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** Org API keys: created and revoked by the org's owners and admins. The key is shown once, at creation. */
export const apiKeysRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/orgs/{org}/api-keys', tags: ['orgs'], summary: 'Create an API key (the answer holds the key, shown this once)' } })
    .input(apiKeyCreateInput)
    .output(apiKeyCreatedView)
    .mutation(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const { org } = await requireOrg(prisma, ctx.identity, input.org, { role: 'admin', action: `create API keys for org "${input.org}"` });
      const { key, publicId, hash } = generateApiKey();
      const created = await prisma.apiKey.create({
        data: {
          orgId: org.id,
          name: input.name,
          publicId,
          hash,
          scopes: [...new Set(input.scopes)],
          createdById: ctx.identity.kind === 'user' ? ctx.identity.userId : null,
          expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
        },
      });
      return { ...view(created), key };
    }),

  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/orgs/{org}/api-keys', tags: ['orgs'], summary: "An org's API keys (never the keys themselves)" } })
    .input(orgInput)
    .output(apiKeyListView)
    .query(async ({ ctx, input }) => {
      const { org } = await requireOrg(ctx.services.prisma, ctx.identity, input.org, { role: 'admin', action: `list the API keys of org "${input.org}"` });
      const keys = await ctx.services.prisma.apiKey.findMany({ where: { orgId: org.id }, orderBy: { createdAt: 'asc' } });
      return { keys: keys.map(view) };
    }),

  revoke: authedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/orgs/{org}/api-keys/{id}', tags: ['orgs'], summary: 'Revoke an API key: it stops working at once' } })
    .input(apiKeyRevokeInput)
    .output(apiKeyView)
    .mutation(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const { org } = await requireOrg(prisma, ctx.identity, input.org, { role: 'admin', action: `revoke API keys of org "${input.org}"` });
      const key = await prisma.apiKey.findFirst({ where: { id: input.id, orgId: org.id } });
      if (!key) throw new DuetError('NOT_FOUND', `org "${input.org}" has no API key ${input.id}`);
      const revoked = key.revokedAt ? key : await prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      return view(revoked);
    }),
});
