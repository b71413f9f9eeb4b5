/**
 * Outgoing webhooks to a loopback receiver that checks every signature with the SDK's
 * verifyWebhook: run.completed and room.ended arrive signed (Standard Webhooks); failures are
 * retried with growing delays until a 2xx, each attempt recorded; a delivery can be sent again
 * with the same webhook-id.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyWebhook, type DuetWebhookEvent } from '@duet/sdk';
import { bearer } from './support/market.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

interface Received {
  at: number;
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let f: RoomsFixture;
let server: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Answers with these statuses first, then 204. */
const failures: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ at: Date.now(), id: String(req.headers['webhook-id']), headers: req.headers, body });
      res.statusCode = failures.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  f = await roomsFixture({ database: 'postgres', env: { DUET_MARKET_WEBHOOK_RETRY_MS: '100', DUET_MARKET_WEBHOOK_MAX_ATTEMPTS: '4' } });
}, 60_000);

afterAll(async () => {
  await f?.t.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function until<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('run.completed and room.ended arrive signed; failures are retried with backoff and recorded; redelivery reuses the id', async () => {
  const endpoint = await f.t.caller(f.key).webhooks.endpoints.create({ url: receiverUrl, description: 'loopback' });
  expect(endpoint.secret).toMatch(/^whsec_/);
  expect((await f.t.caller(f.key).webhooks.endpoints.list({})).endpoints).toEqual([{ id: endpoint.id, url: receiverUrl, events: [], description: 'loopback', createdAt: endpoint.createdAt }]);

  failures.push(500, 503);
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
  const run = await f.t.caller(bearer(room.tokens![0]!.token)).runs.create({ kind: 'sample', code: KADANE });

  // Three attempts of one message: two failures, then success.
  const attempts = await until(() => (received.length >= 3 ? received.slice(0, 3) : undefined));
  expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
  const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
  // Backoff: at least the base (100 ms), then at least twice it (lower bounds: a loaded machine only adds).
  expect(gaps[0]).toBeGreaterThanOrEqual(95);
  expect(gaps[1]).toBeGreaterThanOrEqual(195);
  const event = verifyWebhook(attempts[2]!.body, attempts[2]!.headers as Record<string, string>, endpoint.secret) as Extract<DuetWebhookEvent, { type: 'run.completed' }>;
  expect(event).toMatchObject({ type: 'run.completed', data: { run: { id: run.id, room: room.id, kind: 'sample' }, result: { verdict: 'AC', passed: run.total, total: run.total } } });
  // A tampered body or another secret does not verify.
  expect(() => verifyWebhook(attempts[2]!.body.replace('"AC"', '"WA"'), attempts[2]!.headers as Record<string, string>, endpoint.secret)).toThrow(/webhook rejected/);
  expect(() => verifyWebhook(attempts[2]!.body, attempts[2]!.headers as Record<string, string>, `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));

  const [delivery] = (await f.t.caller(f.key).webhooks.deliveries.list({})).deliveries;
  expect(delivery).toMatchObject({ id: attempts[0]!.id, type: 'run.completed', state: 'succeeded', attempts: 3, lastStatus: 204, lastError: null, endpointId: endpoint.id });

  await f.t.caller(f.key).rooms.end({ roomId: room.id });
  const endedMessage = await until(() => received.find((r) => JSON.parse(r.body).type === 'room.ended'));
  expect(verifyWebhook(endedMessage.body, endedMessage.headers as Record<string, string>, endpoint.secret)).toMatchObject({ type: 'room.ended', data: { room: { id: room.id, state: 'ended' }, by: expect.stringMatching(/^apikey:/) } });

  const count = received.length;
  const again = await f.t.caller(f.key).webhooks.deliveries.redeliver({ deliveryId: delivery!.id });
  expect(again).toMatchObject({ state: 'pending', attempts: 0 });
  const resent = await until(() => received.slice(count).find((r) => r.id === delivery!.id));
  expect(verifyWebhook(resent.body, resent.headers as Record<string, string>, endpoint.secret).type).toBe('run.completed');
});

test('an endpoint that keeps failing ends failed after the maximum attempts; endpoints filter by event and can be removed', async () => {
  const only = await f.t.caller(f.key).webhooks.endpoints.create({ url: receiverUrl, events: ['room.ended'] });
  const dead = await f.t.caller(f.key).webhooks.endpoints.create({ url: 'http://127.0.0.1:9/unreachable', events: ['room.ended'] });
  const before = received.length;
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
  await f.t.caller(f.key).rooms.end({ roomId: room.id });
  const failed = await (async () => {
    for (let i = 0; i < 150; i++) {
      const list = (await f.t.caller(f.key).webhooks.deliveries.list({ endpointId: dead.id })).deliveries;
      if (list[0]?.state === 'failed') return list[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the delivery never failed');
  })();
  expect(failed).toMatchObject({ attempts: 4, lastStatus: null, lastError: expect.stringContaining('cannot reach') });
  const mine = await f.t.caller(f.key).webhooks.deliveries.list({ endpointId: only.id });
  expect(mine.deliveries.map((d) => d.type)).toEqual(['room.ended']);
  expect(received.slice(before).some((r) => JSON.parse(r.body).data?.room?.id === room.id)).toBe(true);
  await f.t.caller(f.key).webhooks.endpoints.delete({ endpointId: dead.id });
  expect((await f.t.caller(f.key).webhooks.endpoints.list({})).endpoints.map((e) => e.id)).not.toContain(dead.id);
}, 30_000);
