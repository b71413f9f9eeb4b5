import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@duet/sdk/api';
import type { PrismaClient, Prisma } from '../generated/prisma/client.js';
import type { WebhookDeliverer } from './deliverer.js';

/** Queues an event for every enabled endpoint of the org that takes it, then kicks the deliverer. */
export interface WebhookEmitter {
  emit(orgId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<void>;
}

export function createWebhookEmitter(prisma: PrismaClient, deliverer: WebhookDeliverer): WebhookEmitter {
  return {
    async emit(orgId, type, data) {
      const endpoints = await prisma.webhookEndpoint.findMany({ where: { orgId, disabledAt: null }, select: { id: true, events: true } });
      const targets = endpoints.filter((e) => e.events.length === 0 || e.events.includes(type));
      if (targets.length === 0) return;
      const timestamp = new Date().toISOString();
      await prisma.webhookDelivery.createMany({
        data: targets.map((endpoint) => ({
          id: `msg_${randomUUID().replaceAll('-', '')}`,
          endpointId: endpoint.id,
          eventType: type,
          payload: { type, timestamp, data } as Prisma.InputJsonValue,
        })),
      });
      deliverer.kick();
    },
  };
}
