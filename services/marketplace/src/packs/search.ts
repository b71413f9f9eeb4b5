import type { PackSearchInput, PackSearchView } from '@duet/sdk/api';
import type { PrismaClient } from '../generated/prisma/client.js';
import { packSummary } from './views.js';

type SearchInput = Required<Pick<PackSearchInput, 'limit' | 'offset'>> & Omit<PackSearchInput, 'limit' | 'offset'>;

interface SearchRow {
  scope: string | null;
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
 * Postgres full-text search over packs, by the `duet_search_packs` function (the init migration
 * explains why a function): a pack matches when its name, title, description, problem titles, tags
 * and its latest version's statements together do ("documentVector"); matches rank by ts_rank_cd
 * over the small "searchVector" (all but the statements), then most recent update; tags (all of them) and
 * difficulty filter; without text, packs come newest first. One round trip, with the total.
 */
export async function searchPacks(prisma: PrismaClient, input: SearchInput): Promise<PackSearchView> {
  const q = input.q?.trim() || null;
  const tags = input.tags?.length ? input.tags : null;
  const rows = await prisma.$queryRaw<SearchRow[]>`
    SELECT * FROM "duet_search_packs"(${q}, ${tags}::text[], ${input.difficulty ?? null}, ${input.limit}::int, ${input.offset}::int)`;
  const total = Number(rows[0]?.total ?? 0);
  const items = rows.filter((row): row is SearchRow & { scope: string } => row.scope !== null).map(packSummary);
  const nextOffset = input.offset + items.length < total ? input.offset + items.length : null;
  return { total, items, nextOffset };
}
