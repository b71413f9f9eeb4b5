import type { PackSearchView } from '@duet/sdk/api';
import type { PackSearchInput } from '@duet/sdk/api';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { packSummary } from './views.js';

type SearchInput = Required<Pick<PackSearchInput, 'limit' | 'offset'>> & Omit<PackSearchInput, 'limit' | 'offset'>;

interface SearchRow {
  scope: string;
  name: string;
  title: string;
  description: string;
  latestVersion: string;
  tags: string[];
  difficulties: string[];
  problemCount: number;
  priceAmount: number | null;
  priceCurrency: string | null;
  updatedAt: Date;
  total: bigint | number;
}

/**
 * Postgres full-text search over packs (name, title, description, and their latest version's
 * problem titles, tags and statements: the generated "searchVector", GIN-indexed), ranked by
 * ts_rank_cd, then most recently updated; filters by tags (all of them) and difficulty. One query,
 * with the total from a window count.
 */
export async function searchPacks(prisma: PrismaClient, input: SearchInput): Promise<PackSearchView> {
  const q = input.q?.trim();
  const where: Prisma.Sql[] = [];
  if (q) where.push(Prisma.sql`p."searchVector" @@ query`);
  if (input.tags?.length) where.push(Prisma.sql`p."tags" @> ${input.tags}::text[]`);
  if (input.difficulty) where.push(Prisma.sql`${input.difficulty} = ANY(p."difficulties")`);
  const from = q ? Prisma.sql`"Pack" p, websearch_to_tsquery('english', ${q}) query` : Prisma.sql`"Pack" p`;
  const rank = q ? Prisma.sql`ts_rank_cd(p."searchVector", query) DESC,` : Prisma.empty;
  const rows = await prisma.$queryRaw<SearchRow[]>`
    SELECT p."scope", p."name", p."title", p."description", p."latestVersion", p."tags", p."difficulties",
           p."problemCount", p."priceAmount", p."priceCurrency", p."updatedAt", count(*) OVER () AS total
    FROM ${from}
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY ${rank} p."updatedAt" DESC, p."scope", p."name"
    LIMIT ${input.limit} OFFSET ${input.offset}`;
  const total = rows.length ? Number(rows[0]!.total) : input.offset > 0 ? await countAll(prisma, where, from) : 0;
  const nextOffset = input.offset + rows.length < total ? input.offset + rows.length : null;
  return { total, items: rows.map(packSummary), nextOffset };
}

/** The total when the page is past the end (the window count has no row to ride on). */
async function countAll(prisma: PrismaClient, where: Prisma.Sql[], from: Prisma.Sql): Promise<number> {
  const [row] = await prisma.$queryRaw<Array<{ total: bigint | number }>>`
    SELECT count(*) AS total FROM ${from} ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}`;
  return Number(row?.total ?? 0);
}
