import { DuetError } from '@duet/sdk/run';

/**
 * A token bucket per org: `perMinute` runs a minute, in bursts of up to that many. Beyond it,
 * TOO_MANY_REQUESTS with the seconds until the next run is allowed (sent as Retry-After). Per
 * instance: behind a load balancer each instance allows its share.
 */
export interface RateLimiter {
  take(key: string, now?: number): void;
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
        throw new DuetError('TOO_MANY_REQUESTS', `this org's run rate limit (${perMinute} runs a minute) is used up: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
      bucket.tokens -= 1;
      if (buckets.size > 100_000) buckets.clear();
    },
  };
}
