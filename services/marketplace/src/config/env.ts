import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PACK_TARBALL_LIMITS, type PackTarballLimits } from '@duet/sdk/pack';
import { ConfigError } from './config-error.js';

export type DatabaseConfig = { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dir: string };

export type BlobConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; prefix: string; region: string; endpoint: string | null; forcePathStyle: boolean };

export interface ClerkConfig {
  /** The instance's PEM public key: session tokens are verified without calling Clerk. */
  jwtKey: string;
  /** Origins allowed in the token's `azp` claim; empty: any. */
  authorizedParties: string[];
}

export interface MarketplaceConfig {
  production: boolean;
  port: number;
  host: string;
  /** Where callers reach this service: room tokens' issuer, the OpenAPI server URL. */
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  blobs: BlobConfig;
  /** null: development mode, a local identity for requests without credentials. */
  clerk: ClerkConfig | null;
  /** Ed25519 private key (PKCS#8 PEM) that signs room tokens; null: a development key kept in the data folder. */
  roomTokenKey: string | null;
  publish: { concurrency: number; limits: PackTarballLimits };
  logLevel: string;
  /** Names this process in publish jobs, so a restarted instance recovers its own interrupted ones at once. */
  instanceId: string;
  runs: RunsConfig;
  /** The collaboration service's API (room events); null: rooms get no events. */
  collab: { url: string; secret: string } | null;
  /** The run queue on Redis (BullMQ) for `duet-judge worker`s; null: the judge engine in-process. */
  queue: { redisUrl: string; prefix: string; workerSecret: string } | null;
  webhooks: { retryBaseMs: number; maxAttempts: number; timeoutMs: number };
}

export interface RunsConfig {
  /** Runs an org may create per minute (429 with Retry-After beyond). */
  perMinute: number;
  /** Code over this many bytes is refused (413 naming the cap). */
  maxCodeBytes: number;
  /** Runs judged at once by the in-process judge. */
  concurrency: number;
  /** Queue: a run not done this long after it was stored ends as IE. */
  deadlineMs: number;
}

const MiB = 1024 * 1024;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value), schema.optional());

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `expected an integer from ${min} to ${max}`).max(max, `expected an integer from ${min} to ${max}`));

const url = (protocols: string[], example: string) =>
  z.string().refine((text) => {
    try {
      return protocols.includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, `expected a ${protocols.join(' or ')} URL, e.g. ${example}`);

const pem = (label: string) =>
  z
    .string()
    .transform((text) => text.replace(/\\n/g, '\n'))
    .refine((text) => text.includes(`-----BEGIN ${label}-----`), `expected a PEM block (-----BEGIN ${label}-----…)`);

const boolean = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));

const envSchema = z.object({
  NODE_ENV: optional(z.string()),
  DUET_MARKET_PORT: optional(integer(0, 65535)),
  DUET_MARKET_HOST: optional(z.string()),
  DUET_MARKET_PUBLIC_URL: optional(url(['http:', 'https:'], 'https://market.example.com')),
  DUET_MARKET_DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'], 'postgresql://user@host:5432/duet')),
  DUET_MARKET_DB_POOL: optional(integer(1, 200)),
  DUET_MARKET_S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')),
  DUET_MARKET_S3_PREFIX: optional(z.string().regex(/^[^/].*\/$/, 'expected a key prefix ending in /, e.g. duet/')),
  DUET_MARKET_S3_REGION: optional(z.string()),
  AWS_REGION: optional(z.string()),
  DUET_MARKET_S3_ENDPOINT: optional(url(['http:', 'https:'], 'http://127.0.0.1:9000')),
  DUET_MARKET_S3_FORCE_PATH_STYLE: optional(boolean),
  CLERK_JWT_KEY: optional(pem('PUBLIC KEY')),
  CLERK_AUTHORIZED_PARTIES: optional(z.string()),
  DUET_ROOM_TOKEN_KEY: optional(pem('PRIVATE KEY')),
  DUET_MARKET_PUBLISH_CONCURRENCY: optional(integer(1, 16)),
  DUET_MARKET_MAX_TARBALL_MB: optional(integer(1, 1024)),
  DUET_MARKET_MAX_TARBALL_FILES: optional(integer(1, 1_000_000)),
  DUET_MARKET_LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
  DUET_MARKET_INSTANCE_ID: optional(z.string().max(200)),
  DUET_MARKET_RUNS_PER_MINUTE: optional(integer(1, 1_000_000)),
  DUET_MARKET_MAX_CODE_KB: optional(integer(1, 1024)),
  DUET_MARKET_RUN_CONCURRENCY: optional(integer(1, 256)),
  DUET_MARKET_RUN_DEADLINE_S: optional(integer(1, 86_400)),
  COLLAB_URL: optional(url(['http:', 'https:'], 'http://127.0.0.1:4200')),
  COLLAB_SECRET: optional(z.string().min(16, 'expected at least 16 characters')),
  REDIS_URL: optional(url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379')),
  DUET_QUEUE_PREFIX: optional(z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected letters, digits and _ . : -')),
  DUET_WORKER_SECRET: optional(z.string().min(16, 'expected at least 16 characters')),
  DUET_MARKET_WEBHOOK_RETRY_MS: optional(integer(1, 3_600_000)),
  DUET_MARKET_WEBHOOK_MAX_ATTEMPTS: optional(integer(1, 30)),
  DUET_MARKET_WEBHOOK_TIMEOUT_MS: optional(integer(100, 60_000)),
});

/**
 * Reads and validates the environment. Every bad variable is named in one ConfigError message;
 * production (`NODE_ENV=production`) refuses development mode (no Clerk key) and the development
 * room-token key.
 */
export function readConfig(env: Record<string, string | undefined>, cwd = process.cwd()): MarketplaceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}${shown(env, issue.path[0])}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  if (production && !vars.CLERK_JWT_KEY) {
    throw new ConfigError(
      'CLERK_JWT_KEY is required when NODE_ENV=production: set it to your Clerk instance\'s PEM public key (development mode, with a local identity, is for development only)',
    );
  }
  if (production && !vars.DUET_ROOM_TOKEN_KEY) {
    throw new ConfigError('DUET_ROOM_TOKEN_KEY is required when NODE_ENV=production: an Ed25519 private key in PKCS#8 PEM (`openssl genpkey -algorithm ed25519`)');
  }
  if (vars.REDIS_URL && !vars.DUET_WORKER_SECRET) {
    throw new ConfigError('DUET_WORKER_SECRET is required with REDIS_URL: the judge workers use it to fetch test data (the same value in their environment)');
  }
  if (Boolean(vars.COLLAB_URL) !== Boolean(vars.COLLAB_SECRET)) {
    throw new ConfigError(`${vars.COLLAB_URL ? 'COLLAB_SECRET' : 'COLLAB_URL'} is required with ${vars.COLLAB_URL ? 'COLLAB_URL' : 'COLLAB_SECRET'}: the collaboration service's URL and its service secret go together`);
  }
  const port = vars.DUET_MARKET_PORT ?? 4000;
  const host = vars.DUET_MARKET_HOST ?? '127.0.0.1';
  const dataDir = resolve(cwd, vars.DUET_MARKET_DATA_DIR ?? '.duet-marketplace');
  const region = vars.DUET_MARKET_S3_REGION ?? vars.AWS_REGION;
  if (vars.DUET_MARKET_S3_BUCKET && !region) {
    throw new ConfigError('DUET_MARKET_S3_REGION (or AWS_REGION) is required with DUET_MARKET_S3_BUCKET');
  }
  const maxMb = vars.DUET_MARKET_MAX_TARBALL_MB;
  return {
    production,
    port,
    host,
    publicUrl: (vars.DUET_MARKET_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, ''),
    dataDir,
    database: vars.DATABASE_URL
      ? { kind: 'postgres', url: vars.DATABASE_URL, poolSize: vars.DUET_MARKET_DB_POOL ?? 10 }
      : { kind: 'pglite', dir: resolve(dataDir, 'pglite') },
    blobs: vars.DUET_MARKET_S3_BUCKET
      ? {
          kind: 's3',
          bucket: vars.DUET_MARKET_S3_BUCKET,
          prefix: vars.DUET_MARKET_S3_PREFIX ?? '',
          region: region ?? '',
          endpoint: vars.DUET_MARKET_S3_ENDPOINT ?? null,
          forcePathStyle: vars.DUET_MARKET_S3_FORCE_PATH_STYLE ?? false,
        }
      : { kind: 'local', dir: resolve(dataDir, 'blobs') },
    clerk: vars.CLERK_JWT_KEY
      ? {
          jwtKey: vars.CLERK_JWT_KEY,
          authorizedParties: (vars.CLERK_AUTHORIZED_PARTIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
        }
      : null,
    roomTokenKey: vars.DUET_ROOM_TOKEN_KEY ?? null,
    publish: {
      concurrency: vars.DUET_MARKET_PUBLISH_CONCURRENCY ?? 1,
      limits: {
        ...PACK_TARBALL_LIMITS,
        ...(maxMb ? { maxBytes: maxMb * MiB } : {}),
        ...(vars.DUET_MARKET_MAX_TARBALL_FILES ? { maxFiles: vars.DUET_MARKET_MAX_TARBALL_FILES } : {}),
      },
    },
    logLevel: vars.DUET_MARKET_LOG_LEVEL ?? 'info',
    instanceId: vars.DUET_MARKET_INSTANCE_ID ?? `${hostname()}:${port}:${dataDir}`,
    runs: {
      perMinute: vars.DUET_MARKET_RUNS_PER_MINUTE ?? 1200,
      maxCodeBytes: (vars.DUET_MARKET_MAX_CODE_KB ?? 64) * 1024,
      concurrency: vars.DUET_MARKET_RUN_CONCURRENCY ?? 2,
      deadlineMs: (vars.DUET_MARKET_RUN_DEADLINE_S ?? 600) * 1000,
    },
    collab: vars.COLLAB_URL && vars.COLLAB_SECRET ? { url: vars.COLLAB_URL.replace(/\/+$/, ''), secret: vars.COLLAB_SECRET } : null,
    queue: vars.REDIS_URL ? { redisUrl: vars.REDIS_URL, prefix: vars.DUET_QUEUE_PREFIX ?? 'duet', workerSecret: vars.DUET_WORKER_SECRET! } : null,
    webhooks: {
      retryBaseMs: vars.DUET_MARKET_WEBHOOK_RETRY_MS ?? 5000,
      maxAttempts: vars.DUET_MARKET_WEBHOOK_MAX_ATTEMPTS ?? 8,
      timeoutMs: vars.DUET_MARKET_WEBHOOK_TIMEOUT_MS ?? 10_000,
    },
  };
}

/** ` (got "abc")` for short values; secrets (keys, URLs with passwords) are never echoed. */
function shown(env: Record<string, string | undefined>, key: PropertyKey | undefined): string {
  if (typeof key !== 'string' || /KEY|URL|SECRET/.test(key)) return '';
  const value = env[key];
  return value === undefined ? '' : ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})`;
}
