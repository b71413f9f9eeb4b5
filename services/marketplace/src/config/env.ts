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
  };
}

/** ` (got "abc")` for short values; secrets (keys, URLs with passwords) are never echoed. */
function shown(env: Record<string, string | undefined>, key: PropertyKey | undefined): string {
  if (typeof key !== 'string' || /KEY|URL|SECRET/.test(key)) return '';
  const value = env[key];
  return value === undefined ? '' : ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})`;
}
