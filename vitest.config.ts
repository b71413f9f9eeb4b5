import { defineConfig } from 'vitest/config';

// One root config; each workspace is a project. The `@duet/source` condition makes tests run
// against TypeScript sources of sibling packages instead of their built dist/.
const project = (name: string, root: string, extra: Record<string, unknown> = {}) => ({
  resolve: { conditions: ['@duet/source'] },
  test: { name, root, include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000, ...extra },
});

export default defineConfig({
  test: {
    projects: [
      project('sdk', 'packages/sdk'),
      project('judge-engine', 'packages/judge-engine'),
      project('judge', 'services/judge'),
      project('collab', 'services/hocuspocus'),
      project('pack-cli', 'packages/pack-cli'),
      // Real Postgres (127.0.0.1:5432, or MARKET_POSTGRES_ADMIN_URL) and PGlite; the real sandbox judges publishes.
      project('marketplace', 'services/marketplace', { testTimeout: 120_000, hookTimeout: 120_000 }),
      project('packs', 'packs', { include: ['*.test.ts'] }),
      // End-to-end tests drive Debian's Chromium against the built widget (the root build makes it).
      project('widget', 'packages/widget', { testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false }),
      // `npm start` end to end: the real services as child processes, Chromium on the demo site.
      project('start', 'scripts/start', { include: ['*.test.ts'], testTimeout: 300_000, hookTimeout: 600_000 }),
    ],
  },
});
