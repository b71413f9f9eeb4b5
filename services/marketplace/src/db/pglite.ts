import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';

/**
 * Embedded Postgres (PGlite) with its data in `dir` (`memory://` keeps it in memory). PGlite serves
 * one connection: queries inside an interactive transaction must use the transaction's client.
 */
export async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  let applied: string[];
  try {
    applied = await migrate({ query: (sql, params) => db.query(sql, params), exec: (sql) => db.exec(sql) });
  } catch (error) {
    await db.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: 'pglite',
    applied,
    query: async <T>(sql: string, params: unknown[]) => (await db.query<T>(sql, params)).rows,
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
