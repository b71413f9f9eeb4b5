import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { createJudgeDataCache } from '../src/worker/judge-data-cache.js';

const data = Buffer.from(JSON.stringify({
  format: 1,
  interface: { type: 'stdio' },
  limits: { time_ms: 1000, memory_mb: 256, output_kb: 1024 },
  checker: { type: 'exact' },
  tests: { sample: [], secret: [{ name: 's1', input: '1\n', answer: '1\n' }] },
}));
const digest = createHash('sha256').update(data).digest('hex');

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'judge-data-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('fetches by digest with the worker secret, retries while the marketplace is unreachable, caches on disk', async () => {
  const dir = await cacheDir();
  const calls: Array<{ url: string; auth: string | null }> = [];
  let failures = 2;
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, auth: new Headers(init.headers).get('authorization') });
    if (failures-- > 0) throw new TypeError('fetch failed');
    return new Response(data);
  }) as unknown as typeof globalThis.fetch;
  const cache = createJudgeDataCache({ dir, marketUrl: 'http://market.test', secret: 'worker-secret', fetch, retryDelaysMs: [1, 1, 1] });
  expect((await cache.get(digest)).tests.secret).toHaveLength(1);
  expect(calls).toHaveLength(3);
  expect(calls[0]).toEqual({ url: `http://market.test/internal/v1/judge-data/${digest}`, auth: 'Bearer worker-secret' });
  expect(await readdir(dir)).toEqual([digest]);
  // A new process finds it on disk without asking.
  const again = createJudgeDataCache({ dir, marketUrl: 'http://market.test', secret: 'worker-secret', fetch: (() => Promise.reject(new Error('no network'))) as never });
  expect((await again.get(digest)).format).toBe(1);
});

test('refuses corrupted bytes, and gives up at once on a 404 or after the retries', async () => {
  const corrupt = createJudgeDataCache({ dir: await cacheDir(), marketUrl: 'http://m', secret: 's', fetch: (async () => new Response(Buffer.concat([data, Buffer.from(' ')]))) as never, retryDelaysMs: [] });
  await expect(corrupt.get(digest)).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('corrupted') });
  let calls = 0;
  const missing = createJudgeDataCache({ dir: await cacheDir(), marketUrl: 'http://m', secret: 's', fetch: (async () => (calls++, new Response('{}', { status: 404 }))) as never, retryDelaysMs: [1, 1] });
  await expect(missing.get(digest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(calls).toBe(1);
  const down = createJudgeDataCache({ dir: await cacheDir(), marketUrl: 'http://m', secret: 's', fetch: (async () => new Response('', { status: 503 })) as never, retryDelaysMs: [1, 1] });
  await expect(down.get(digest)).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('HTTP 503') });
  await expect(createJudgeDataCache({ dir: await cacheDir(), marketUrl: 'http://m', secret: 's' }).get('../etc/passwd')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});
