import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { JudgeConfigError } from '../src/index.js';
import { readWorkerConfig } from '../src/worker/worker-config.js';

const BIN = fileURLToPath(new URL('../bin/duet-judge.js', import.meta.url));
const base = { REDIS_URL: 'redis://127.0.0.1:6379', DUET_MARKET_URL: 'http://127.0.0.1:4000/', DUET_WORKER_SECRET: 's'.repeat(20) };

test('`duet-judge worker` reads its variables with defaults, and names a missing or bad one', () => {
  expect(readWorkerConfig(base)).toMatchObject({ redisUrl: base.REDIS_URL, marketUrl: 'http://127.0.0.1:4000', prefix: 'duet', concurrency: 1, lockMs: 5000 });
  for (const [env, message] of [
    [{ ...base, REDIS_URL: '' }, /REDIS_URL is required/],
    [{ ...base, REDIS_URL: 'http://x' }, /REDIS_URL must be a redis/],
    [{ ...base, DUET_MARKET_URL: undefined }, /DUET_MARKET_URL is required/],
    [{ ...base, DUET_WORKER_SECRET: undefined }, /DUET_WORKER_SECRET is required/],
    [{ ...base, DUET_JUDGE_LOCK_MS: '10' }, /DUET_JUDGE_LOCK_MS must be an integer from 500/],
    [{ ...base, DUET_QUEUE_PREFIX: 'a b' }, /DUET_QUEUE_PREFIX/],
  ] as const) {
    expect(() => readWorkerConfig(env)).toThrow(JudgeConfigError);
    expect(() => readWorkerConfig(env)).toThrow(message);
  }
});

test('the CLI: `duet-judge worker` without REDIS_URL stops with one line (exit 2); an unknown command is named', async () => {
  const run = promisify(execFile);
  const worker = await run(process.execPath, [BIN, 'worker'], { env: { PATH: process.env.PATH } }).catch((e: { code: number; stderr: string }) => e);
  expect(worker).toMatchObject({ code: 2, stderr: expect.stringMatching(/^duet-judge: REDIS_URL is required for `duet-judge worker`/) });
  const unknown = await run(process.execPath, [BIN, 'wrk'], { env: { PATH: process.env.PATH } }).catch((e: { code: number; stderr: string }) => e);
  expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "wrk"') });
});
