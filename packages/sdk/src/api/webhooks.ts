import { z } from 'zod';
import { orgSlugSchema } from './names.js';

/** The events an org's endpoints can receive. */
export const WEBHOOK_EVENTS = ['run.completed', 'room.ended'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;
const isoDate = z.string().describe('ISO 8601 date-time');

export const webhookOrgInput = z.object({ org: orgSlugSchema.optional() });

export const webhookEndpointCreateInput = webhookOrgInput.extend({
  url: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL'),
  /** Default: every event. */
  events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).optional(),
  description: z.string().max(200).optional(),
});

export const webhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  description: z.string(),
  createdAt: isoDate,
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

/** Shown once, at creation: the Standard Webhooks signing secret (`whsec_…`). */
export const webhookEndpointCreatedView = webhookEndpointView.extend({ secret: z.string() });

export const webhookEndpointIdInput = webhookOrgInput.extend({ endpointId: z.string().min(1).max(100) });

export const webhookDeliveriesInput = webhookOrgInput.extend({
  endpointId: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const webhookDeliveryView = z.object({
  id: z.string(),
  endpointId: z.string(),
  type: z.enum(WEBHOOK_EVENTS),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDate.nullable(),
  createdAt: isoDate,
  deliveredAt: isoDate.nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;

export const webhookDeliveryIdInput = webhookOrgInput.extend({ deliveryId: z.string().min(1).max(100) });
