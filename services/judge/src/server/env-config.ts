import { JudgeConfigError } from './errors.js';
import { MIN_SECRET_LENGTH, type JudgeServerOptions } from './create-judge-server.js';

export interface JudgeEnvConfig {
  port: number;
  host: string;
  logLevel: string;
  /** Pre-started sandboxes kept per kind of run (DUET_JUDGE_WARM_SANDBOXES). */
  warmSandboxes: number;
  /** The sandbox driver's host settings (uid pool, state folder). */
  driver: { uidBase?: number; uidPoolSize?: number; stateDir?: string };
  server: Omit<JudgeServerOptions, 'driver' | 'logger'>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the DUET_JUDGE_* variables; throws JudgeConfigError naming the variable. */
export function readEnvConfig(env: Record<string, string | undefined>): JudgeEnvConfig {
  const secret = env.DUET_JUDGE_SECRET;
  if (secret === undefined || secret === '') {
    throw new JudgeConfigError('DUET_JUDGE_SECRET is required: set it to a random string (e.g. `openssl rand -hex 32`) shared with the API');
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new JudgeConfigError(`DUET_JUDGE_SECRET must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`);
  }
  const port = integer(env, 'DUET_JUDGE_PORT', 0, 65535) ?? 4100;
  const host = env.DUET_JUDGE_HOST?.trim() || '127.0.0.1';
  const concurrency = integer(env, 'DUET_JUDGE_CONCURRENCY', 1, 1024);
  const queueLimit = integer(env, 'DUET_JUDGE_QUEUE_LIMIT', 0, 1_000_000);
  const resultTtlMs = integer(env, 'DUET_JUDGE_RESULT_TTL_MS', 1000, 7 * 24 * 3600_000);
  const warmSandboxes = integer(env, 'DUET_JUDGE_WARM_SANDBOXES', 0, 64) ?? 1;
  const uidBase = integer(env, 'DUET_JUDGE_UID_BASE', 1000, 2 ** 31 - 70_000);
  const uidPoolSize = integer(env, 'DUET_JUDGE_UID_POOL_SIZE', 1, 32_768);
  const stateDir = env.DUET_JUDGE_STATE_DIR?.trim();
  if (stateDir !== undefined && stateDir !== '' && !stateDir.startsWith('/')) {
    throw new JudgeConfigError(`DUET_JUDGE_STATE_DIR must be an absolute path (got ${JSON.stringify(stateDir)})`);
  }
  const logLevel = env.DUET_JUDGE_LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new JudgeConfigError(`DUET_JUDGE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(logLevel)})`);
  }
  return {
    port,
    host,
    logLevel,
    warmSandboxes,
    driver: {
      ...(uidBase !== undefined ? { uidBase } : {}),
      ...(uidPoolSize !== undefined ? { uidPoolSize } : {}),
      ...(stateDir ? { stateDir } : {}),
    },
    server: {
      secret,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(queueLimit !== undefined ? { queueLimit } : {}),
      ...(resultTtlMs !== undefined ? { resultTtlMs } : {}),
    },
  };
}

function integer(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new JudgeConfigError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}
