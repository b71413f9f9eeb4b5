import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // The advisory lock is per session: a dedicated client, not a pool.
  const session = new pg.Client({ connectionString: url });
  await session.connect();
  let applied: string[];
  try {
    applied = await migrate({
      query: async <T>(sql: string, params?: unknown[]) => (await session.query(sql, params)) as unknown as { rows: T[] },
      exec: (sql) => session.query(sql),
    });
  } finally {
    await session.end();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
  const reads = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(poolSize / 2)) });
  return {
    prisma,
    kind: 'postgres',
    applied,
    query: async <T>(sql: string, params: unknown[]) => (await reads.query(sql, params)).rows as T[],
    async close() {
      await prisma.$disconnect();
      await reads.end();
    },
  };
}
