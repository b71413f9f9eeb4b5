import { Webhook } from 'standardwebhooks';
import type { RoomView } from '../api/rooms.js';
import type { WebhookEventType } from '../api/webhooks.js';
import type { ComplexityReport } from '../judge/complexity/report.js';
import type { Verdict } from '../judge/verdict.js';
import { DuetError } from '../run/errors.js';

/** What Duet posts to an org's webhook endpoints (Standard Webhooks: `{type, timestamp, data}`). */
export type DuetWebhookEvent =
  | {
      type: 'run.completed';
      timestamp: string;
      data: {
        run: { id: string; room: string; kind: 'sample' | 'custom' | 'submit'; user: string; createdAt: string; finishedAt: string };
        result: { verdict: Verdict; passed: number; total: number; complexity?: ComplexityReport; internal_error?: string };
      };
    }
  | { type: 'room.ended'; timestamp: string; data: { room: RoomView; by: string } };

export type { WebhookEventType };

/**
 * Checks a webhook's Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`; five minutes' tolerance) over the exact body as received, and returns the
 * parsed event. `secret` is the endpoint's `whsec_…` secret. Throws DuetError UNAUTHORIZED when
 * the signature, the timestamp or the headers do not check out.
 */
export function verifyWebhook(payload: string | Uint8Array, headers: Headers | Record<string, string | string[] | undefined>, secret: string): DuetWebhookEvent {
  const get = (name: string): string => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name] ?? headers[name.toLowerCase()];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  try {
    return new Webhook(secret).verify(body, {
      'webhook-id': get('webhook-id'),
      'webhook-timestamp': get('webhook-timestamp'),
      'webhook-signature': get('webhook-signature'),
    }) as DuetWebhookEvent;
  } catch (error) {
    throw new DuetError('UNAUTHORIZED', `webhook rejected: ${(error as Error).message}`, { cause: error });
  }
}
