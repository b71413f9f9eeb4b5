/**
 * One end-to-end environment per test file: the backend (fixture marketplace, collaboration
 * service, judge), the host site serving the pages and the widget build, and Chromium. The widget
 * must be built first (root `npm test` builds; or `npm run build -w @duet/widget`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../fixtures/browser.js';
import { type DuetBackend, startBackend } from '../fixtures/duet-backend.js';
import { startStaticServer, type StaticServer } from '../fixtures/static-server.js';

export interface E2E {
  backend: DuetBackend;
  site: StaticServer;
  browser: Browser;
}

const BUILD = fileURLToPath(new URL('../../dist/duet-pad.global.js', import.meta.url));

/** Registers beforeAll/afterAll for the file and returns the environment once started. */
export function useE2E(): () => E2E {
  let env: E2E | undefined;
  beforeAll(async () => {
    if (!existsSync(BUILD)) throw new Error('build the widget first: npm run build -w @duet/widget');
    const [backend, site, browser] = await Promise.all([startBackend(), startStaticServer(), launchChromium()]);
    env = { backend, site, browser };
  }, 120_000);
  afterAll(async () => {
    await env?.browser.close();
    await env?.site.close();
    await env?.backend.close();
  }, 60_000);
  return () => {
    if (!env) throw new Error('the end-to-end environment did not start');
    return env;
  };
}

export const PEOPLE = {
  ada: { id: 'user_ada', name: 'Ada', role: 'candidate' as const },
  grace: { id: 'user_grace', name: 'Grace', role: 'interviewer' as const },
  olive: { id: 'user_olive', name: 'Olive', role: 'observer' as const },
};

/** A correct two-sum (the starter pack's first problem). */
export const TWO_SUM = `def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
`;
