/** Fresh databases for tests: a new database on the machine's Postgres (dropped afterwards), or an in-memory PGlite. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTestFinished } from 'vitest';

export const POSTGRES_ADMIN_URL = process.env.MARKET_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'postgres' | 'pglite';

/** Creates `market_test_<random>` and returns its URL; it is dropped (with its connections) by `drop()`. */
export async function createPostgresDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `market_test_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A fresh Postgres database, dropped when the current test finishes. */
export async function postgresForTest(): Promise<string> {
  const db = await createPostgresDatabase();
  onTestFinished(() => db.drop());
  return db.url;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
