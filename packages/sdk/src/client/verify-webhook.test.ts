import { Webhook } from 'standardwebhooks';
import { expect, test } from 'vitest';
import { verifyWebhook } from './verify-webhook.js';

const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const body = JSON.stringify({ type: 'room.ended', timestamp: '2026-11-28T23:00:00.000Z', data: { by: 'timer' } });

function signed(at = new Date(), id = 'msg_1'): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) };
}

test('verifies a Standard Webhooks signature from plain headers, a Headers object, or bytes', () => {
  expect(verifyWebhook(body, signed(), secret)).toMatchObject({ type: 'room.ended', data: { by: 'timer' } });
  expect(verifyWebhook(new TextEncoder().encode(body), new Headers(signed()), secret).type).toBe('room.ended');
});

test('refuses a changed body, another secret, a stale timestamp and missing headers with UNAUTHORIZED', () => {
  const headers = signed();
  const other = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
  for (const attempt of [
    () => verifyWebhook(body.replace('timer', 'alice'), headers, secret),
    () => verifyWebhook(body, headers, other),
    () => verifyWebhook(body, signed(new Date(Date.now() - 10 * 60_000)), secret),
    () => verifyWebhook(body, {}, secret),
  ]) {
    expect(attempt).toThrow(expect.objectContaining({ name: 'DuetError', code: 'UNAUTHORIZED' }));
  }
});
