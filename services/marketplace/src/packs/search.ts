import type { PackSearchInput, PackSearchView } from '@duet/sdk/api';
import type { Database } from '../db/database.js';
import type { Services } from '../services.js';
import type { CacheOutcome, CachedSearch } from './search-cache.js';
import { packSummary } from './views.js';

type SearchInput = Required<Pick<PackSearchInput, 'limit' | 'offset'>> & Omit<PackSearchInput, 'limit' | 'offset'>;

/** A row of `duet_search_packs` as JSON (one page comes back as one JSON array: parsing it is far cheaper than rows of arrays). */
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
  /** `timestamp(3)` in JSON: UTC without the zone. */
  updatedAt: string;
  total: number;
}

/**
 * Postgres full-text search over packs, by the `duet_search_packs` function (the init migration
 * explains why a function): a pack matches when its name, title, description, problem titles, tags
 * and its latest version's statements together do ("documentVector"); matches rank by ts_rank_cd
 * over the small "searchVector" (all but the statements), then most recent update; tags (all of them) and
 * difficulty filter; without text, packs come newest first. One round trip of plain SQL (the ORM's
 * own cost per query is more than the search's), with the total.
 */
export async function searchPacks(db: Pick<Database, 'query'>, input: SearchInput): Promise<PackSearchView> {
  const q = input.q?.trim() || null;
  const tags = input.tags?.length ? input.tags : null;
  const [result] = await db.query<{ page: SearchRow[] | null }>(
    'SELECT json_agg(found) AS page FROM "duet_search_packs"($1, $2::text[], $3, $4::int, $5::int) found',
    [q, tags, input.difficulty ?? null, input.limit, input.offset],
  );
  const rows = result?.page ?? [];
  const total = Number(rows[0]?.total ?? 0);
  const items = rows
    .filter((row): row is SearchRow & { scope: string } => row.scope !== null)
    .map((row) => packSummary({ ...row, updatedAt: new Date(`${row.updatedAt}Z`) }));
  const nextOffset = input.offset + items.length < total ? input.offset + items.length : null;
  return { total, items, nextOffset };
}

/** A search through the service's cache (what both the tRPC procedure and the REST route answer). */
export function cachedSearch(services: Pick<Services, 'db' | 'searchCache'>, input: SearchInput): { outcome: CacheOutcome; answer: Promise<CachedSearch> } {
  return services.searchCache.lookup(input, () => searchPacks(services.db, input));
}
