import type { DatabaseConfig } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** The Prisma client over Postgres or PGlite, migrated. */
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseConfig['kind'];
  /** Migrations this start applied. */
  applied: string[];
  /**
   * Plain parameterised SQL for hot read paths (search): one round trip with no ORM in between,
   * on its own small pool (Postgres) or the same database (PGlite).
   */
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
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
