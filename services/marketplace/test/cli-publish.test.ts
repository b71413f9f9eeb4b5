/** `duet-pack login` and `duet-pack publish` against a real marketplace (both judging in the real sandbox). */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { runCli } from '@duet/pack-cli';
import { apiKeyFor, openMarket, personWithOrg } from './support/market.js';
import { PROBLEM, packFolder } from './support/packs.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function duetPack(argv: string[], options: { configDir: string; stdin?: string; tty?: boolean }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    env: { DUET_CONFIG_DIR: options.configDir },
    stdin: { isTTY: false, readAll: async () => options.stdin ?? '' },
  });
  return { code, stdout, stderr };
}

async function configDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'duet-config-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'duet');
}

describe('duet-pack login and publish (Clerk, Postgres)', () => {
  test('login stores the key (0600), publish uploads with progress and prints the version and its integrity', async () => {
    const t = await openMarket({ database: 'postgres', listen: true });
    onTestFinished(() => t.close());
    const alice = await personWithOrg(t, 'user_alice', 'acme');
    const key = (await apiKeyFor(t, alice, 'acme', ['packs:publish'])).replace(/^Bearer /, '');
    const config = await configDir();
    const registry = ['--registry', t.url];
    const dir = await packFolder({ name: '@acme/basics', version: '1.0.0' });

    // Without a key the marketplace refuses, and says how to log in.
    const anonymous = await duetPack(['publish', dir, ...registry], { configDir: config });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/refused the pack: sign in: .*\(log in with `duet-pack login --registry http/);

    expect((await duetPack(['login', ...registry], { configDir: config, stdin: 'duet_sk_000000000000_' + 'A'.repeat(43) })).stderr).toMatch(/refused the key: invalid API key/);
    expect((await duetPack(['login', ...registry], { configDir: config, stdin: 'hunter2' })).stderr).toMatch(/not a Duet API key/);
    const login = await duetPack(['login', ...registry], { configDir: config, stdin: `${key}\n` });
    expect(login).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^logged in to ${t.url} as org acme \\(scopes: packs:publish\\)`)) });
    const file = join(config, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(config)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ registries: { [t.url]: { token: key, org: 'acme' } } });

    const dry = await duetPack(['publish', dir, '--dry-run', '--json', ...registry], { configDir: config });
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout) as { integrity: string; dryRun: boolean };
    expect(planned).toMatchObject({ name: '@acme/basics', version: '1.0.0', dryRun: true });
    expect(await t.services.prisma.publishJob.count()).toBe(0);

    const published = await duetPack(['publish', dir, ...registry], { configDir: config, tty: true });
    expect(published.stderr).toMatch(/uploading @acme\/basics@1\.0\.0 \[#+\] 100%/);
    expect(published).toMatchObject({ code: 0 });
    expect(published.stdout).toContain(`integrity: ${planned.integrity}\n`);
    expect(published.stdout).toContain(`+ @acme/basics@1.0.0 (tag latest) published to ${t.url}\n`);
    // The deterministic tarball: what the dry run promised is what the marketplace recorded.
    expect((await t.caller().packs.get({ scope: 'acme', pack: 'basics' })).integrity).toBe(planned.integrity);

    const again = await duetPack(['publish', dir, ...registry], { configDir: config });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('@acme/basics@1.0.0 is already published: versions are immutable, bump the version in pack.yaml');
  });

  test('a pack whose submissions miss their verdicts is not uploaded (exit 1)', async () => {
    const config = await configDir();
    const dir = await packFolder({ name: '@acme/wrong', files: { [`problems/${PROBLEM}/submissions/accepted/slow.py`]: 'def max_subarray(nums):\n    return 0\n' } });
    const run = await duetPack(['publish', dir, '--registry', 'http://127.0.0.1:9'], { configDir: config });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not publishing: 1 submission\(s\) do not get the verdict of their folder/);
    expect(run.stderr).toContain(`problems/${PROBLEM}/submissions/accepted/slow.py: expected AC, got WA`);
  });
});

describe('the embedded default (PGlite, development mode)', () => {
  test('publish needs no login: the local developer publishes, and the scope org is created', async () => {
    const t = await openMarket({ database: 'pglite', clerk: false, listen: true });
    onTestFinished(() => t.close());
    const dir = await packFolder({ name: '@starter/basics', version: '0.2.0' });
    const run = await duetPack(['publish', dir, '--tag', 'next', '--json', '--registry', t.url], { configDir: await configDir() });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: '@starter/basics', version: '0.2.0', tag: 'next', integrity: expect.stringMatching(/^sha512-/) });
    expect((await t.caller().packs.versions({ scope: 'starter', pack: 'basics' })).distTags).toEqual({ latest: '0.2.0', next: '0.2.0' });
    expect(await t.caller().orgs.list({})).toMatchObject({ orgs: [{ slug: 'starter', role: 'owner' }] });
  });
});
