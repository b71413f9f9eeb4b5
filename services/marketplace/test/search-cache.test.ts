import { expect, test } from 'vitest';
import type { PackSearchView } from '@duet/sdk/api';
import { createSearchCache } from '../src/packs/search-cache.js';

const view = (total: number): PackSearchView => ({ total, items: [], nextOffset: null });
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  let now = 0;
  let loads = 0;
  const cache = createSearchCache({ ttlMs: 1000, maxStaleMs: 10_000, maxEntries: 3, now: () => now });
  /** A loader answering `total` (default: the count of loads so far), counting its calls. */
  const load = (total?: number) => () => {
    loads++;
    return Promise.resolve(view(total ?? loads));
  };
  return { cache, advance: (ms: number) => (now += ms), loads: () => loads, load };
}

test('identical searches (case and spacing aside) share one load while fresh; the JSON is serialised once', async () => {
  const { cache, load, loads } = setup();
  const [a, b] = await Promise.all([cache.get({ q: 'Graph  Search' }, load()), cache.get({ q: 'graph search' }, load())]);
  expect(loads()).toBe(1);
  expect(a).toBe(b);
  expect(a.json).toBe(JSON.stringify(a.view));
  expect((await cache.get({ q: 'graph search', limit: 20, offset: 0 }, load())).view.total).toBe(1);
  expect(loads()).toBe(1);
});

test('a stale answer is served while one background load refreshes it; long unused ones are dropped', async () => {
  const { cache, advance, load } = setup();
  await cache.get({ q: 'x' }, load(1));
  advance(1500); // past the jittered TTL (at most 1.25 s)
  expect((await cache.get({ q: 'x' }, load(2))).view.total).toBe(1); // stale, refresh started
  expect((await cache.get({ q: 'x' }, load(3))).view.total).toBe(1); // still the stale one: one refresh at a time
  await tick();
  expect((await cache.get({ q: 'x' }, load(4))).view.total).toBe(2);
  advance(20_000);
  expect((await cache.get({ q: 'x' }, load(5))).view.total).toBe(5); // dropped: a plain miss
});

test('clear() forgets everything, and a load that raced it is answered but not kept', async () => {
  const { cache, load } = setup();
  let release!: (v: PackSearchView) => void;
  const pending = cache.get({ q: 'race' }, () => new Promise((resolve) => (release = resolve)));
  cache.clear();
  release(view(7));
  expect((await pending).view.total).toBe(7);
  expect((await cache.get({ q: 'race' }, load(8))).view.total).toBe(8);
});

test('failed loads are not kept; the least recently used entry goes first', async () => {
  const { cache, load } = setup();
  await expect(cache.get({ q: 'boom' }, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  expect((await cache.get({ q: 'boom' }, load(1))).view.total).toBe(1);
  await cache.get({ q: 'a' }, load(2));
  await cache.get({ q: 'b' }, load(3));
  await cache.get({ q: 'boom' }, load(99)); // a use: now most recent
  await cache.get({ q: 'c' }, load(4)); // over 3 entries: "a" goes
  expect((await cache.get({ q: 'boom' }, load(100))).view.total).toBe(1);
  expect((await cache.get({ q: 'a' }, load(5))).view.total).toBe(5);
});
