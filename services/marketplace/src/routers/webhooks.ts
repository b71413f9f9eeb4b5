import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  webhookDeliveriesInput,
  webhookDeliveryIdInput,
  webhookDeliveryView,
  webhookEndpointCreatedView,
  webhookEndpointCreateInput,
  webhookEndpointIdInput,
  webhookEndpointView,
  webhookOrgInput,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import type { PrismaClient, WebhookDelivery, WebhookEndpoint } from '../generated/prisma/client.js';
import { checkEndpointUrl } from '../webhooks/endpoint-url.js';
import { authedProcedure, router } from '../trpc.js';

/** The org whose webhooks the caller manages: an API key's own (webhooks:write), or a person's (admin). */
async function webhookOrg(prisma: PrismaClient, identity: Identity, slug: string | undefined) {
  if (identity.kind === 'room') throw new DuetError('FORBIDDEN', 'a room token cannot manage webhooks');
  const target = slug ?? (identity.kind === 'apiKey' ? identity.orgSlug : undefined);
  if (!target) throw new DuetError('BAD_REQUEST', 'org: required for people (which org\'s webhooks)');
  return (await requireOrg(prisma, identity, target, { role: 'admin', scope: 'webhooks:write', action: 'manage webhooks' })).org;
}

const endpointView = (e: WebhookEndpoint): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  events: e.events as WebhookEndpointView['events'],
  description: e.description,
  createdAt: e.createdAt.toISOString(),
});

const deliveryView = (d: WebhookDelivery): WebhookDeliveryView => ({
  id: d.id,
  endpointId: d.endpointId,
  type: d.eventType as WebhookDeliveryView['type'],
  state: d.state.toLowerCase() as WebhookDeliveryView['state'],
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  nextAttemptAt: d.state === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  payload: d.payload as Record<string, unknown>,
});

const endpointsRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/endpoints', tags: ['webhooks'], summary: 'Add a webhook endpoint (the signing secret is shown once)' } })
    .input(webhookEndpointCreateInput)
    .output(webhookEndpointCreatedView)
    .mutation(async ({ ctx, input }) => {
      const org = await webhookOrg(ctx.services.prisma, ctx.identity, input.org);
      checkEndpointUrl(input.url, ctx.services.config.production);
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      const endpoint = await ctx.services.prisma.webhookEndpoint.create({
        data: { orgId: org.id, url: input.url, secret, events: input.events ?? [], description: input.description ?? '' },
      });
      return { ...endpointView(endpoint), secret };
    }),

  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks/endpoints', tags: ['webhooks'], summary: "The org's webhook endpoints" } })
    .input(webhookOrgInput)
    .output(z.object({ endpoints: z.array(webhookEndpointView) }))
    .query(async ({ ctx, input }) => {
      const org = await webhookOrg(ctx.services.prisma, ctx.identity, input.org);
      const rows = await ctx.services.prisma.webhookEndpoint.findMany({ where: { orgId: org.id, disabledAt: null }, orderBy: { createdAt: 'asc' } });
      return { endpoints: rows.map(endpointView) };
    }),

  delete: authedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/webhooks/endpoints/{endpointId}', tags: ['webhooks'], summary: 'Remove a webhook endpoint and its deliveries' } })
    .input(webhookEndpointIdInput)
    .output(z.object({ deleted: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const org = await webhookOrg(ctx.services.prisma, ctx.identity, input.org);
      const { count } = await ctx.services.prisma.webhookEndpoint.deleteMany({ where: { id: input.endpointId, orgId: org.id } });
      if (count === 0) throw new DuetError('NOT_FOUND', `no webhook endpoint "${input.endpointId}" in org "${org.slug}"`);
      return { deleted: input.endpointId };
    }),

});

const deliveriesRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/webhooks/deliveries', tags: ['webhooks'], summary: 'Recent deliveries, newest first, with every attempt\'s outcome' } })
    .input(webhookDeliveriesInput)
    .output(z.object({ deliveries: z.array(webhookDeliveryView) }))
    .query(async ({ ctx, input }) => {
      const org = await webhookOrg(ctx.services.prisma, ctx.identity, input.org);
      const rows = await ctx.services.prisma.webhookDelivery.findMany({
        where: { endpoint: { orgId: org.id }, ...(input.endpointId ? { endpointId: input.endpointId } : {}) },
        orderBy: { createdAt: 'desc' },
        take: input.limit,
      });
      return { deliveries: rows.map(deliveryView) };
    }),

  redeliver: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/webhooks/deliveries/{deliveryId}/redeliver', tags: ['webhooks'], summary: 'Send a delivery again (same webhook-id, a fresh retry schedule)' } })
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryView)
    .mutation(async ({ ctx, input }) => {
      const org = await webhookOrg(ctx.services.prisma, ctx.identity, input.org);
      const { prisma } = ctx.services;
      const { count } = await prisma.webhookDelivery.updateMany({
        where: { id: input.deliveryId, endpoint: { orgId: org.id } },
        data: { state: 'PENDING', attempts: 0, nextAttemptAt: new Date() },
      });
      if (count === 0) throw new DuetError('NOT_FOUND', `no webhook delivery "${input.deliveryId}" in org "${org.slug}"`);
      ctx.services.webhooks.deliverer.kick();
      return deliveryView(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: input.deliveryId } }));
    }),
});

export const webhooksRouter = router({ endpoints: endpointsRouter, deliveries: deliveriesRouter });
