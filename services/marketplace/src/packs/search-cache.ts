import type { PackSearchInput, PackSearchView } from '@duet/sdk/api';

/**
 * Search answers by normalised input, shared by every caller (search is public and the same for
 * all), for a few seconds: popular searches cost one query per TTL instead of one per request, and
 * concurrent identical searches share one query. This instance clears it whenever the catalogue
 * changes (a publish, `latest` moving); other instances see the change within the TTL.
 */
export interface SearchCache {
  /** The answer for `input` (loading it on a miss), and its JSON, serialised once per load. */
  get(input: PackSearchInput, load: () => Promise<PackSearchView>): Promise<CachedSearch>;
  clear(): void;
}

export interface CachedSearch {
  view: PackSearchView;
  json: string;
}

export interface SearchCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
}

export function createSearchCache(options: SearchCacheOptions = {}): SearchCache {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 10_000;
  const entries = new Map<string, { expires: number; value: Promise<CachedSearch> }>();
  return {
    get(input, load) {
      const key = keyOf(input);
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.expires > now) {
        // Least recently used goes first: a hit moves to the end.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = load().then((view) => ({ view, json: JSON.stringify(view) }));
      entries.set(key, { expires: now + ttlMs, value });
      // A failed search is not remembered.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}

/** Inputs that ask the same question share an entry (full-text search ignores case and spacing). */
function keyOf(input: PackSearchInput): string {
  return JSON.stringify([
    input.q?.trim().toLowerCase().replace(/\s+/g, ' ') ?? '',
    [...(input.tags ?? [])].sort(),
    input.difficulty ?? '',
    input.limit ?? 20,
    input.offset ?? 0,
  ]);
}
