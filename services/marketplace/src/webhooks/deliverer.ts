import { Webhook } from 'standardwebhooks';
import type { PrismaClient, Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';

export interface WebhookDelivererOptions {
  prisma: PrismaClient;
  log: Logger;
  /** First retry after this long; each later one waits twice as long as the one before. */
  retryBaseMs: number;
  /** Attempts before a delivery is marked failed (it can still be redelivered by hand). */
  maxAttempts: number;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** How often due deliveries are looked for besides the kicks (default 1000 ms). */
  pollMs?: number;
}

/**
 * Sends pending deliveries (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` over the exact body), a few at a time. Any 2xx is success; anything else, or
 * no answer within the timeout, is retried with exponential backoff (and jitter) until
 * `maxAttempts`. Every attempt's outcome is recorded on the delivery. A delivery is claimed with a
 * conditional update before it is sent, so instances sharing the database never send it twice at once.
 */
export interface WebhookDeliverer {
  /** Look for due deliveries now. */
  kick(): void;
  close(): Promise<void>;
}

const BATCH = 20;

export function createWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const { prisma, log } = options;
  const doFetch = options.fetch ?? fetch;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const send = async (delivery: Prisma.WebhookDeliveryGetPayload<{ include: { endpoint: true } }>): Promise<void> => {
    const body = JSON.stringify(delivery.payload);
    const now = new Date();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const signature = new Webhook(delivery.endpoint.secret).sign(delivery.id, now, body);
      const response = await doFetch(delivery.endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'duet-webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (cause) {
      error = (cause as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `cannot reach the endpoint: ${(cause as Error).message}`;
    }
    const attempts = delivery.attempts + 1;
    if (error === null) {
      await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { state: 'SUCCEEDED', attempts, lastStatus: status, lastError: null, deliveredAt: new Date() } });
      return;
    }
    const failed = attempts >= options.maxAttempts;
    const delay = options.retryBaseMs * 2 ** (attempts - 1) * (1 + Math.random() * 0.1);
    await prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: { state: failed ? 'FAILED' : 'PENDING', attempts, lastStatus: status, lastError: error, nextAttemptAt: new Date(Date.now() + delay) },
    });
    // Retries are due before the next poll when the backoff is short: wake up for them.
    if (!failed && delay < (options.pollMs ?? 1000)) setTimeout(() => kick(), delay + 5).unref();
    if (failed) log.warn(`webhook ${delivery.id} (${delivery.eventType}) to ${delivery.endpoint.url} failed after ${attempts} attempts: ${error}`);
  };

  const tick = async (): Promise<void> => {
    do {
      again = false;
      const now = new Date();
      const due = await prisma.webhookDelivery.findMany({
        where: { state: 'PENDING', nextAttemptAt: { lte: now } },
        orderBy: { nextAttemptAt: 'asc' },
        take: BATCH,
        include: { endpoint: true },
      });
      const lease = new Date(now.getTime() + options.timeoutMs + 5000);
      await Promise.all(
        due.map(async (delivery) => {
          const claimed = await prisma.webhookDelivery.updateMany({ where: { id: delivery.id, state: 'PENDING', nextAttemptAt: delivery.nextAttemptAt }, data: { nextAttemptAt: lease } });
          if (claimed.count === 1 && !closed) await send(delivery);
        }),
      );
      if (due.length === BATCH) again = true;
    } while (again && !closed);
  };

  const kick = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((error: unknown) => log.error({ err: error }, 'webhook delivery round failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(kick, options.pollMs ?? 1000);
  timer.unref();

  return {
    kick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
