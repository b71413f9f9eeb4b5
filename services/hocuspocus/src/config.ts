/** The service's configuration, from the environment, validated at start: one message naming the variable. */
import { z } from 'zod';

const MIN_SECRET = 16;

const envSchema = z.object({
  DUET_COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
  DUET_COLLAB_HOST: z.string().min(1).default('127.0.0.1'),
  DUET_ROOM_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  DUET_ROOM_ISSUER: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  DUET_COLLAB_DATA_DIR: z.string().min(1).default('.duet/collab-db'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
  DUET_COLLAB_SECRET: z.string().min(MIN_SECRET, `at least ${MIN_SECRET} characters`).optional(),
  DUET_COLLAB_INSTANCE: z.string().min(1).optional(),
});

export interface CollabConfig {
  port: number;
  host: string;
  /** Where the marketplace publishes its room-token keys. */
  jwksUrl: string;
  issuer?: string;
  /** PostgreSQL; absent: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Several instances share rooms through Redis when set. */
  redisUrl?: string;
  /** Bearer secret of the service API (events posted by the marketplace, timelines read back). */
  secret?: string;
  /** This instance's name in logs and Redis. */
  instance?: string;
}

export class CollabConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
}

export function readCollabConfig(env: Record<string, string | undefined>): CollabConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CollabConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  if (!e.DUET_ROOM_JWKS_URL) throw new CollabConfigError('DUET_ROOM_JWKS_URL is required: the marketplace\'s /.well-known/jwks.json, whose keys sign room tokens');
  return {
    port: e.DUET_COLLAB_PORT,
    host: e.DUET_COLLAB_HOST,
    jwksUrl: e.DUET_ROOM_JWKS_URL,
    dataDir: e.DUET_COLLAB_DATA_DIR,
    ...(e.DUET_ROOM_ISSUER ? { issuer: e.DUET_ROOM_ISSUER } : {}),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    ...(e.DUET_COLLAB_SECRET ? { secret: e.DUET_COLLAB_SECRET } : {}),
    ...(e.DUET_COLLAB_INSTANCE ? { instance: e.DUET_COLLAB_INSTANCE } : {}),
  };
}
