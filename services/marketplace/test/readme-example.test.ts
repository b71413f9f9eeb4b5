/** The README's SDK example, run as it stands against a real marketplace (in-process judge, real Postgres). */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { roomsFixture, type RoomsFixture } from './support/rooms.js';

let f: RoomsFixture;
beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true });
}, 60_000);
afterAll(() => f?.t.close());

test('README "Rooms and runs" example: a room, two tokens, a submit, the verdict', async () => {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = /<!-- sdk-example:start -->\n```js\n([\s\S]*?)```\n<!-- sdk-example:end -->/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const file = join(import.meta.dirname, `.readme-example-${process.pid}.mjs`);
  await writeFile(file, block!);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  vi.stubEnv('DUET_URL', f.t.url);
  vi.stubEnv('DUET_API_KEY', f.key.slice('Bearer '.length));
  try {
    await import(file);
  } finally {
    log.mockRestore();
    vi.unstubAllEnvs();
    await rm(file, { force: true });
  }
  expect(lines[0]).toMatch(/^room rm_\S+: Maximum Subarray, tokens for Ada and Grace$/);
  expect(lines.filter((l) => /^test \d+\/\d+: AC$/.test(l)).length).toBeGreaterThan(0);
  expect(lines.at(-1)).toMatch(/^verdict AC: (\d+)\/\1 tests, time O\(/);
  const room = await f.t.services.prisma.room.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  expect(room.state).toBe('ENDED');
}, 90_000);
