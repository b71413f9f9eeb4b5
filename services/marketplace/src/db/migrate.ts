/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql at start-up, each once, in order,
 * compatible with Prisma Migrate (the same `_prisma_migrations` table, SHA-256 checksums and
 * advisory-lock key as `prisma migrate deploy`, so either can run against a database the other
 * migrated). The lock makes two instances starting together take turns: the second finds nothing
 * left to do. Each migration runs in a transaction; a failure rolls it back and stops the start.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One database session: a dedicated pg.Client (the advisory lock belongs to the session) or PGlite. */
export interface MigrationSession {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** A multi-statement script. */
  exec(sql: string): Promise<unknown>;
}

/** The key `prisma migrate deploy` locks on Postgres. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies what is missing; returns the names it applied. Throws on a checksum mismatch or an earlier failed migration. */
export async function migrate(session: MigrationSession, dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && /^\d+_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    await session.exec(MIGRATIONS_TABLE);
    const rows = (await session.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"')).rows;
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) throw new Error(`migration ${failed.migration_name} failed earlier and was never resolved (Prisma P3009): fix the database first`);
    const applied = new Map(rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const name of names) {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const known = applied.get(name);
      if (known !== undefined) {
        if (known !== checksum) throw new Error(`migration ${name} was changed after it was applied (checksum mismatch): add a new migration instead`);
        continue;
      }
      await session.exec('BEGIN');
      try {
        const id = randomUUID();
        await session.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [id, checksum, name]);
        await session.exec(sql);
        await session.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await session.exec('COMMIT');
      } catch (error) {
        await session.exec('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(name);
    }
    return done;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  }
}
