import { DuetError } from '@duet/sdk/run';

import { Redis } from 'ioredis';

/**
 * A token bucket per org: `perMinute` runs a minute, in bursts of up to that many. Beyond it,
 * TOO_MANY_REQUESTS with the seconds until the next run is allowed (sent as Retry-After). In
 * memory for one instance (the embedded default); with Redis, one bucket per org shared by every
 * marketplace instance (createRedisRateLimiter).
 */
export interface RateLimiter {
  take(key: string, now?: number): void | Promise<void>;
  close?(): Promise<void>;
}

function refused(perMinute: number, retryAfterSeconds: number): DuetError {
  return new DuetError('TOO_MANY_REQUESTS', `this org's run rate limit (${perMinute} runs a minute) is used up: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60_000;
  return {
    take(key, now = Date.now()) {
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
        throw refused(perMinute, retryAfterSeconds);
      }
      bucket.tokens -= 1;
      if (buckets.size > 100_000) buckets.clear();
    },
  };
}

/**
 * Takes a token atomically in Redis, on Redis's clock (instances' clocks may differ): returns
 * {1, tokens} when taken, {0, tokens} when the bucket is empty. The bucket expires once it would be
 * full again.
 */
const TAKE_SCRIPT = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 1000)
return {taken, tostring(tokens)}
`;

export function createRedisRateLimiter(options: { redisUrl: string; prefix: string; perMinute: number }): RateLimiter {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', () => {}); // a refused take answers the caller; the client reconnects by itself
  const ratePerMs = options.perMinute / 60_000;
  redis.defineCommand('duetTakeRunToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  return {
    async take(key) {
      const [taken, tokens] = (await (redis as unknown as { duetTakeRunToken(k: string, cap: number, rate: number): Promise<[number, string]> }).duetTakeRunToken(
        `${options.prefix}:run-rate:${key}`,
        options.perMinute,
        ratePerMs,
      ));
      if (taken === 1) return;
      throw refused(options.perMinute, Math.max(1, Math.ceil((1 - Number(tokens)) / ratePerMs / 1000)));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
