import type { PackSearchInput, PackSearchView } from '@duet/sdk/api';

/**
 * Search answers by normalised input, shared by every caller (search is public and the same for
 * all): popular searches cost one query per refresh instead of one per request, and concurrent
 * identical searches share one query. An answer is fresh for about `ttlMs` (jittered, so answers
 * filled together do not expire together); after that it is still served while a background query
 * refreshes it (a few at a time, so refreshes never crowd out requests), until `maxStaleMs`
 * without a request drops it. This instance clears it
 * whenever the catalogue changes (a publish, `latest` moving); other instances see the change at
 * their next refresh.
 */
export interface SearchCache {
  /** The answer for `input` (loading it on a miss), and its JSON, serialised once per load. */
  get(input: PackSearchInput, load: () => Promise<PackSearchView>): Promise<CachedSearch>;
  /** Like get, saying whether the answer was fresh (`hit`), served while refreshing (`stale`), or loaded for this call (`miss`). */
  lookup(input: PackSearchInput, load: () => Promise<PackSearchView>): { outcome: CacheOutcome; answer: Promise<CachedSearch> };
  clear(): void;
}

export type CacheOutcome = 'hit' | 'stale' | 'miss';

export interface CachedSearch {
  view: PackSearchView;
  json: string;
}

export interface SearchCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  maxStaleMs?: number;
  /** Background refreshes at once (default 2); a stale answer waiting for a slot is served as is. */
  maxRefreshing?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface Entry {
  /** The latest successful answer, once there is one. */
  answer: CachedSearch | null;
  /** The load in flight, if any. */
  loading: Promise<CachedSearch> | null;
  freshUntil: number;
  droppedAt: number;
}

export function createSearchCache(options: SearchCacheOptions = {}): SearchCache {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 30_000;
  const maxStaleMs = options.maxStaleMs ?? 120_000;
  const maxRefreshing = options.maxRefreshing ?? 2;
  let refreshing = 0;
  const clock = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;

  const refresh = (key: string, entry: Entry, load: () => Promise<PackSearchView>): Promise<CachedSearch> => {
    const started = generation;
    const loading = load().then((view) => ({ view, json: JSON.stringify(view) }));
    entry.loading = loading;
    loading.then(
      (answer) => {
        // An answer that raced a catalogue change is given to its callers but not kept.
        if (started !== generation || entries.get(key) !== entry) return;
        const now = clock();
        Object.assign(entry, { answer, loading: null, freshUntil: now + ttlMs * (0.75 + Math.random() * 0.5), droppedAt: now + maxStaleMs });
      },
      () => {
        entry.loading = null;
        if (!entry.answer && entries.get(key) === entry) entries.delete(key);
      },
    );
    return loading;
  };

  const lookup = (input: PackSearchInput, load: () => Promise<PackSearchView>): { outcome: CacheOutcome; answer: Promise<CachedSearch> } => {
    const key = keyOf(input);
    const now = clock();
    const entry = entries.get(key);
    if (entry && (entry.answer === null || now < entry.droppedAt)) {
      // Least recently used goes first: a use moves the entry to the end.
      entries.delete(key);
      entries.set(key, entry);
      if (entry.answer) {
        const stale = now >= entry.freshUntil;
        if (stale && !entry.loading && refreshing < maxRefreshing) {
          refreshing++;
          refresh(key, entry, load)
            .catch(() => {})
            .finally(() => refreshing--);
        }
        return { outcome: stale ? 'stale' : 'hit', answer: Promise.resolve(entry.answer) };
      }
      if (entry.loading) return { outcome: 'miss', answer: entry.loading };
    }
    const fresh: Entry = { answer: null, loading: null, freshUntil: 0, droppedAt: 0 };
    entries.delete(key);
    entries.set(key, fresh);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return { outcome: 'miss', answer: refresh(key, fresh, load) };
  };

  return {
    get: (input, load) => lookup(input, load).answer,
    lookup,
    clear() {
      generation++;
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
