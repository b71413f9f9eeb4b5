/**
 * The one SQL surface the store needs, over PostgreSQL (`pg`) when DATABASE_URL is set, or an
 * embedded PGlite in a local folder when it is not.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface SqlClient {
  /** `name` makes it a prepared statement (parsed and planned once per connection) where supported. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<{ rows: Row[] }>;
  /** Runs `fn` with a session-level advisory lock held (schema changes by concurrent instances). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

export function postgresClient(connectionString: string): SqlClient {
  // A change is acknowledged once PostgreSQL has it, not once its log is on disk: the service can
  // die at any moment without losing an acknowledged change (PostgreSQL still holds it); only a
  // crash of PostgreSQL's own machine could lose the last fraction of a second. Waiting for the
  // disk on every commit would put its latency on every keystroke.
  // (Passed as the connection's startup option, so it is in force before the first query.)
  // Idle connections stay open (pg closes them after 10 s by default): a room's first burst after a
  // quiet spell would otherwise wait for new PostgreSQL backends, each with cold caches.
  const pool = new pg.Pool({ connectionString, max: 12, idleTimeoutMillis: 0, options: '-c synchronous_commit=off' });
  // An idle connection PostgreSQL ended (a restart, an administrator): the pool replaces it; without
  // this listener the error would end the process.
  pool.on('error', (error) => console.error(`duet-collab: an idle PostgreSQL connection ended: ${error.message}`));
  return {
    kind: 'postgres',
    query: async <Row>(text: string, params?: unknown[], name?: string) => ({
      rows: (await pool.query(name ? { name, text, values: params ?? [] } : { text, values: params ?? [] })).rows as Row[],
    }),
    async withLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function pgliteClient(dataDir: string): Promise<SqlClient> {
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: (text, params) => db.query(text, params as unknown[]) as Promise<{ rows: never[] }>,
    // One process owns an embedded database: nothing to race with.
    withLock: (_key, fn) => fn(),
    close: () => db.close(),
  };
}
