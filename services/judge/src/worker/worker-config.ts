import { homedir } from 'node:os';
import { join } from 'node:path';
import { JudgeConfigError } from '../server/errors.js';

export interface WorkerConfig {
  redisUrl: string;
  prefix: string;
  marketUrl: string;
  workerSecret: string;
  concurrency: number;
  cacheDir: string;
  lockMs: number;
  logLevel: string;
  warmSandboxes: number;
  driver: { uidBase?: number; uidPoolSize?: number; stateDir?: string };
}

/** Reads `duet-judge worker`'s variables; a missing or bad one is a JudgeConfigError naming it. */
export function readWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const required = (name: string, example: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new JudgeConfigError(`${name} is required for \`duet-judge worker\` (e.g. ${example})`);
    return value;
  };
  const redisUrl = required('REDIS_URL', 'redis://127.0.0.1:6379');
  if (!/^rediss?:\/\//.test(redisUrl)) throw new JudgeConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const marketUrl = required('DUET_MARKET_URL', 'http://127.0.0.1:4000').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(marketUrl)) throw new JudgeConfigError('DUET_MARKET_URL must be an http(s) URL');
  const workerSecret = required('DUET_WORKER_SECRET', 'the marketplace\'s DUET_WORKER_SECRET');
  const prefix = env.DUET_QUEUE_PREFIX?.trim() || 'duet';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(prefix)) throw new JudgeConfigError('DUET_QUEUE_PREFIX: expected letters, digits and _ . : -');
  const stateDir = env.DUET_JUDGE_STATE_DIR?.trim();
  const uidBase = integer(env, 'DUET_JUDGE_UID_BASE', 1000, 2 ** 31 - 70_000);
  const uidPoolSize = integer(env, 'DUET_JUDGE_UID_POOL_SIZE', 1, 32_768);
  return {
    redisUrl,
    prefix,
    marketUrl,
    workerSecret,
    concurrency: integer(env, 'DUET_JUDGE_CONCURRENCY', 1, 256) ?? 1,
    cacheDir: env.DUET_JUDGE_CACHE_DIR?.trim() || join(homedir(), '.cache', 'duet-judge', 'data'),
    lockMs: integer(env, 'DUET_JUDGE_LOCK_MS', 500, 600_000) ?? 5000,
    logLevel: env.DUET_JUDGE_LOG_LEVEL?.trim() || 'info',
    warmSandboxes: integer(env, 'DUET_JUDGE_WARM_SANDBOXES', 0, 64) ?? 1,
    driver: { ...(uidBase !== undefined ? { uidBase } : {}), ...(uidPoolSize !== undefined ? { uidPoolSize } : {}), ...(stateDir ? { stateDir } : {}) },
  };
}

function integer(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new JudgeConfigError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return Number(raw);
}
