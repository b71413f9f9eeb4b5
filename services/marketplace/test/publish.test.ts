/**
 * Publishing over real HTTP, judged by the real sandbox: what gets through, what is refused (and
 * that a refusal stores nothing), and what a published version holds.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PublishJobView } from '@duet/sdk/api';
import { createPackTarball, sriIntegrity, type PackManifest } from '@duet/sdk/pack';
import { parseProblemData } from '@duet/sdk/run';
import { apiKeyFor, bearer, openMarket, personWithOrg, type TestMarket } from './support/market.js';
import { PROBLEM, packFolder, packTarball, type PackOptions } from './support/packs.js';
import { rawTarball } from './support/tarballs.js';

let t: TestMarket;
let alice = '';
let acmeKey = '';
let acmeReadKey = '';
let globexKey = '';

beforeAll(async () => {
  t = await openMarket({ database: 'postgres', listen: true, env: { DUET_MARKET_MAX_TARBALL_MB: '1', DUET_MARKET_MAX_TARBALL_FILES: '100' } });
  alice = await personWithOrg(t, 'user_alice', 'acme');
  acmeKey = await apiKeyFor(t, alice, 'acme', ['packs:publish']);
  acmeReadKey = await apiKeyFor(t, alice, 'acme', ['packs:read']);
  globexKey = await apiKeyFor(t, await personWithOrg(t, 'user_gina', 'globex'), 'globex', ['packs:publish']);
});
afterAll(() => t?.close());

function upload(body: Uint8Array, authorization: string | undefined, query = '', type = 'application/gzip'): Promise<Response> {
  return fetch(`${t.url}/api/v1/publishes${query}`, { method: 'POST', headers: { 'content-type': type, ...(authorization ? { authorization } : {}) }, body });
}

/** Polls the job until it is published or failed (bounded), returning every state seen. */
async function settle(id: string, authorization: string): Promise<{ job: PublishJobView; states: string[] }> {
  const states: string[] = [];
  for (let i = 0; i < 600; i++) {
    const job = (await (await fetch(`${t.url}/api/v1/publishes/${id}`, { headers: { authorization } })).json()) as PublishJobView;
    if (states.at(-1) !== job.state) states.push(job.state);
    if (job.state === 'published' || job.state === 'failed') return { job, states };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`publish job ${id} did not settle`);
}

/** Nothing of a refused upload remains: no job, no blob, no extraction folder. */
async function expectNothingStored(jobsBefore: number, blobsBefore: string[]): Promise<void> {
  expect(await t.services.prisma.publishJob.count()).toBe(jobsBefore);
  expect(await storedBlobs()).toEqual(blobsBefore);
  expect(await readdir(join(t.dataDir, 'work'))).toEqual([]);
}

async function uncheckedTarball(options: PackOptions) {
  return createPackTarball({ dir: await packFolder(options), manifest: { problems: [PROBLEM] } as PackManifest });
}

async function storedBlobs(): Promise<string[]> {
  const root = join(t.dataDir, 'blobs', 'sha256');
  const dirs = await readdir(root).catch(() => [] as string[]);
  return (await Promise.all(dirs.map((d) => readdir(join(root, d))))).flat().sort();
}

describe('a good pack', () => {
  test('is re-validated, judged, stored and made visible whole, with the integrity of the uploaded bytes', async () => {
    const tarball = await packTarball({ name: '@acme/basics', version: '1.0.0' });
    const response = await upload(tarball.bytes, acmeKey);
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as PublishJobView;
    expect(response.headers.get('location')).toBe(`/api/v1/publishes/${accepted.id}`);
    expect(accepted).toMatchObject({ name: '@acme/basics', version: '1.0.0', tag: 'latest', state: 'received', integrity: tarball.integrity, size: tarball.bytes.length });

    const { job, states } = await settle(accepted.id, acmeKey);
    expect(job.error).toBeNull();
    expect(states.at(-1)).toBe('published');
    expect(states).not.toContain('failed');
    const report = job.problems![0]!;
    expect(report).toMatchObject({ id: PROBLEM, ok: true, timeLimitMs: 1000 });
    expect(Object.fromEntries(report.submissions.map((s) => [s.name, [s.expected, s.got, s.status]]))).toEqual({
      'accepted/kadane.py': ['AC', 'AC', 'ok'],
      'wrong_answer/never_negative.py': ['WA', 'WA', 'ok'],
      'time_limit_exceeded/quadratic.py': ['TLE', 'TLE', 'ok'],
    });

    const version = await t.caller().packs.get({ scope: 'acme', pack: 'basics' });
    expect(version).toMatchObject({ version: '1.0.0', integrity: tarball.integrity, distTags: { latest: '1.0.0' } });
    expect(sriIntegrity(tarball.bytes)).toBe(version.integrity);
    // The authors get back the very bytes they uploaded.
    const download = await fetch(`${t.url}/api/v1/packs/acme/basics/versions/1.0.0/tarball`, { headers: { authorization: acmeReadKey } });
    expect(Buffer.from(await download.arrayBuffer()).equals(tarball.bytes)).toBe(true);
    // The judge data is a blob by digest: every test with its answer, the resolved limit, the checker.
    const problem = await t.services.prisma.problem.findFirstOrThrow({ where: { slug: PROBLEM, version: { version: '1.0.0' } } });
    const data = parseProblemData(JSON.parse((await t.services.blobs.get(problem.judgeDataDigest))!.toString()));
    expect(data.limits.time_ms).toBe(1000);
    expect(data.tests.sample).toHaveLength(2);
    expect(data.tests.secret.length).toBeGreaterThanOrEqual(3);
    expect(data.complexity?.expected_time).toBe('O(n)');
    expect(await readdir(join(t.dataDir, 'work'))).toEqual([]);
  });

  test('a reused version is a 409 naming it, before any judging, and stores nothing', async () => {
    const jobs = await t.services.prisma.publishJob.count();
    const blobs = await storedBlobs();
    const response = await upload((await packTarball({ name: '@acme/basics', version: '1.0.0', title: 'Changed' })).bytes, acmeKey);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'CONFLICT', message: '@acme/basics@1.0.0 is already published: versions are immutable, bump the version in pack.yaml', data: { duetCode: 'CONFLICT' } });
    await expectNothingStored(jobs, blobs);
  });

  test('a prerelease needs a dist-tag; with one, latest stays where it was', async () => {
    const beta = (await packTarball({ name: '@acme/basics', version: '1.1.0-beta.1' })).bytes;
    const refused = await upload(beta, acmeKey);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/is a prerelease: publish it with a dist-tag/);
    const response = await upload(beta, acmeKey, '?tag=beta');
    expect(response.status).toBe(202);
    const { job } = await settle(((await response.json()) as PublishJobView).id, acmeKey);
    expect(job).toMatchObject({ state: 'published', tag: 'beta' });
    expect((await t.caller().packs.versions({ scope: 'acme', pack: 'basics' })).distTags).toEqual({ latest: '1.0.0', beta: '1.1.0-beta.1' });
    expect((await upload(beta, acmeKey, '?tag=1.x')).status).toBe(400);
  });
});

describe('a pack whose submissions do not get their verdicts', () => {
  test('fails its job naming each submission; nothing of it becomes visible or stays stored', async () => {
    const blobs = await storedBlobs();
    const kadane = 'def max_subarray(nums):\n    best, cur = nums[0], 0\n    for x in nums:\n        cur = max(x, cur + x)\n        best = max(best, cur)\n    return best\n';
    const tarball = await packTarball({ name: '@acme/wrong', version: '1.0.0', files: { [`problems/${PROBLEM}/submissions/wrong_answer/never_negative.py`]: kadane } });
    const response = await upload(tarball.bytes, acmeKey);
    expect(response.status).toBe(202);
    const { job, states } = await settle(((await response.json()) as PublishJobView).id, acmeKey);
    expect(states.at(-1)).toBe('failed');
    expect(job.error).toEqual({
      code: 'PACK_INVALID',
      message: '1 submission does not get the verdict of its folder',
      issues: [{ file: `problems/${PROBLEM}/submissions/wrong_answer/never_negative.py`, message: expect.stringMatching(/^expected WA, got AC/) }],
    });
    expect(job.problems![0]!.submissions.find((s) => s.name === 'wrong_answer/never_negative.py')).toMatchObject({ status: 'mismatch', got: 'AC' });
    expect((await fetch(`${t.url}/api/v1/packs/acme/wrong`)).status).toBe(404);
    expect(await storedBlobs()).toEqual(blobs);
    expect(await t.services.prisma.pack.count({ where: { name: 'wrong' } })).toBe(0);
  });
});

describe('refused uploads store nothing', () => {
  test('an invalid pack: 400 PACK_INVALID naming every file and field', async () => {
    const jobs = await t.services.prisma.publishJob.count();
    const blobs = await storedBlobs();
    // Packed without the client's validation, as a modified client could.
    const tarball = await uncheckedTarball({
      name: '@acme/broken',
      edit: async (dir) => {
        const { rm, writeFile, readFile } = await import('node:fs/promises');
        await rm(join(dir, 'problems', PROBLEM, 'problem_statement'), { recursive: true });
        const yaml = join(dir, 'problems', PROBLEM, 'problem.yaml');
        await writeFile(yaml, `${await readFile(yaml, 'utf8')}color: red\n`);
      },
    });
    const response = await upload(tarball.bytes, acmeKey);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; data: { duetCode: string; issues: Array<{ file: string; field?: string }> } };
    expect(body.data.duetCode).toBe('PACK_INVALID');
    expect(body.data.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: `problems/${PROBLEM}/problem_statement` }),
        expect.objectContaining({ file: `problems/${PROBLEM}/problem.yaml`, field: 'color' }),
      ]),
    );
    expect(body.message).toMatch(/^invalid pack \(2 issues\)/);
    await expectNothingStored(jobs, blobs);
  });

  const unsafe: Array<[string, Parameters<typeof rawTarball>[0], RegExp]> = [
    ['path traversal', [{ path: 'pack/pack.yaml', data: 'x' }, { path: 'pack/../../../tmp/evil', data: 'x' }], /path traversal/],
    ['an absolute path', [{ path: '/etc/cron.d/evil', data: 'x' }], /absolute path/],
    ['a symlink', [{ path: 'pack/pack.yaml', type: 'SymbolicLink', linkpath: '/etc/passwd' }], /symbolic link/],
    ['a hard link', [{ path: 'pack/pack.yaml', type: 'Link', linkpath: '/etc/passwd' }], /hard link/],
    ['a device', [{ path: 'pack/dev', type: 'CharacterDevice' }], /character device/],
    ['not a tarball', [], /./],
  ];
  test.each(unsafe)('%s: 400, nothing written anywhere', async (what, entries, message) => {
    const jobs = await t.services.prisma.publishJob.count();
    const blobs = await storedBlobs();
    const body = what === 'not a tarball' ? Buffer.from('just some text') : rawTarball(entries);
    const response = await upload(body, acmeKey);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { message: string; data: { duetCode: string } };
    expect(answer.data.duetCode).toBe('PACK_INVALID');
    expect(answer.message).toMatch(/^tarball refused: /);
    expect(answer.message).toMatch(message);
    await expectNothingStored(jobs, blobs);
  });

  test('over the caps: 413 naming the cap', async () => {
    const jobs = await t.services.prisma.publishJob.count();
    const blobs = await storedBlobs();
    const big = await upload(Buffer.alloc(1_200_000, 1), acmeKey);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ message: 'tarball over the 1 MiB cap', data: { duetCode: 'PAYLOAD_TOO_LARGE' } });
    const many = await upload(rawTarball(Array.from({ length: 101 }, (_, i) => ({ path: `pack/f${i}`, data: 'x' }))), acmeKey);
    expect(many.status).toBe(413);
    expect(((await many.json()) as { message: string }).message).toBe('tarball refused: the tarball holds more than the cap of 100 files');
    await expectNothingStored(jobs, blobs);
  });

  test('who may publish: credentials first (401 before the body is read), then the scope (403)', async () => {
    const jobs = await t.services.prisma.publishJob.count();
    const blobs = await storedBlobs();
    const tarball = (await packTarball({ name: '@acme/other', version: '1.0.0' })).bytes;
    const nobody = await upload(tarball, undefined);
    expect(nobody.status).toBe(401);
    expect((await upload(tarball, bearer('duet_sk_000000000000_' + 'x'.repeat(43)))).status).toBe(401);
    const other = await upload(tarball, globexKey);
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toBe('this API key belongs to another org, not "acme"');
    const noScope = await upload(tarball, acmeReadKey);
    expect(noScope.status).toBe(403);
    expect(((await noScope.json()) as { message: string }).message).toMatch(/lacks the "packs:publish" scope/);
    const room = (await t.services.signer.sign({ room: 'r', org: 'acme', user: 'u', name: 'U', role: 'interviewer' })).token;
    expect((await upload(tarball, bearer(room))).status).toBe(403);
    const unknownScope = await upload((await packTarball({ name: '@nobody/x' })).bytes, alice);
    expect(unknownScope.status).toBe(404);
    expect(((await unknownScope.json()) as { message: string }).message).toBe('no org "nobody"');
    const json = await upload(Buffer.from('{}'), acmeKey, '', 'application/json');
    expect(json.status).toBe(415);
    await expectNothingStored(jobs, blobs);
  });
});
