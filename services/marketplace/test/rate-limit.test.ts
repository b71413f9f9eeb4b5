/**
 * The per-org run rate limit: in memory for one instance, and through Redis one bucket per org for
 * every instance (two limiters on separate connections stand for two marketplace processes).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { isDuetError } from '@duet/sdk/run';
import { createRateLimiter, createRedisRateLimiter, type RateLimiter } from '../src/runs/rate-limit.js';

const REDIS_URL = process.env.DUET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: RateLimiter[] = [];
afterEach(async () => {
  for (const limiter of open.splice(0)) await limiter.close?.();
});

async function refusal(take: () => unknown): Promise<{ code: string; retryAfterSeconds?: number }> {
  try {
    await take();
  } catch (error) {
    if (isDuetError(error)) return { code: error.code, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
    throw error;
  }
  return { code: 'none' };
}

test('in memory: a burst of perMinute, then TOO_MANY_REQUESTS with the wait; tokens come back with time', async () => {
  const limiter = createRateLimiter(6); // one token every 10 s
  const t0 = 1_000_000;
  for (let i = 0; i < 6; i++) limiter.take('org_a', t0);
  expect(await refusal(() => limiter.take('org_a', t0))).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 10 });
  limiter.take('org_b', t0); // another org has its own bucket
  limiter.take('org_a', t0 + 10_000);
});

test('with Redis: two instances share one bucket per org; the refusal says how long to wait', async () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const a = createRedisRateLimiter({ redisUrl: REDIS_URL, prefix, perMinute: 5 });
  const b = createRedisRateLimiter({ redisUrl: REDIS_URL, prefix, perMinute: 5 });
  open.push(a, b);
  for (let i = 0; i < 3; i++) await a.take('org_a');
  for (let i = 0; i < 2; i++) await b.take('org_a');
  const refusedA = await refusal(() => a.take('org_a'));
  const refusedB = await refusal(() => b.take('org_a'));
  for (const r of [refusedA, refusedB]) {
    expect(r.code).toBe('TOO_MANY_REQUESTS');
    expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(11); // one token every 12 s
    expect(r.retryAfterSeconds).toBeLessThanOrEqual(12);
  }
  await b.take('org_b'); // per org
  // Concurrent takes from both instances never hand out more than the bucket holds.
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take('org_c')));
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
});
