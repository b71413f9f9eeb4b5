import * as path from 'node:path';
import { expect, test } from 'vitest';
import { reachable } from '../../test/module-graph.js';

test.each(['api', 'room', 'run', 'metrics', 'client'])('@duet/sdk/%s is isomorphic: no Node built-ins, no fs loader, no tar', async (entry) => {
  const { modules, external } = await reachable(path.resolve(import.meta.dirname, `../${entry}/index.ts`));
  expect([...external.keys()].filter((spec) => spec.startsWith('node:') || spec === 'tar')).toEqual([]);
  expect([...modules].filter((m) => /load-pack|fs-tree|tarball/.test(m))).toEqual([]);
});
