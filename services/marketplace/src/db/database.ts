import type { DatabaseConfig } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** The Prisma client over Postgres or PGlite, migrated. */
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseConfig['kind'];
  /** Migrations this start applied. */
  applied: string[];
  close(): Promise<void>;
}

/** Migrates (under the advisory lock) and opens the client; PGlite when no DATABASE_URL is set. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(config.url, config.poolSize);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(config.dir);
}
