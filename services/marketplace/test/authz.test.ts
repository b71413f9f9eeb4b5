/**
 * Authorisation, procedure by procedure: every marketplace procedure and route is called by every
 * kind of caller that must be refused (nobody, an expired or tampered session, a revoked or expired
 * key, a room token, another org's people and keys, a member without the role, a key without the
 * scope), and each refusal has the right code. Then: hidden tests and submissions never come out of
 * any endpoint but the authors' tarball download.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiKeyFor, bearer, openMarket, personWithOrg, type TestMarket } from './support/market.js';
import { PROBLEM } from './support/packs.js';
import { seedVersion } from './support/seed.js';

type Caller = ReturnType<TestMarket['caller']>;
type Call = (c: Caller) => Promise<unknown>;

let t: TestMarket;
const who: Record<string, string | undefined> = {};
let acmeKeyId = '';
let jobId = '';

const MARKERS = { secret: '9876543', submission: 'SUBMISSION-MARKER-71', generator: 'GENERATOR-MARKER-72' };

beforeAll(async () => {
  t = await openMarket({ database: 'postgres', listen: true });
  const clerk = t.clerk!;
  who.alice = await personWithOrg(t, 'user_alice', 'acme'); // acme owner
  who.bob = bearer(await clerk.session('user_bob')); // acme member
  await t.caller(who.alice).orgs.members.add({ org: 'acme', userId: 'user_bob', role: 'member' });
  who.gina = await personWithOrg(t, 'user_gina', 'globex'); // another org's owner
  who.acmePublish = await apiKeyFor(t, who.alice, 'acme', ['packs:publish']);
  who.acmeRead = await apiKeyFor(t, who.alice, 'acme', ['packs:read']);
  who.acmeRooms = await apiKeyFor(t, who.alice, 'acme', ['rooms:write', 'runs:write']);
  who.globexKey = await apiKeyFor(t, who.gina, 'globex', ['packs:publish', 'packs:read', 'rooms:write']);
  const revoked = await t.caller(who.alice).orgs.apiKeys.create({ org: 'acme', name: 'old', scopes: ['packs:publish', 'packs:read'] });
  await t.caller(who.alice).orgs.apiKeys.revoke({ org: 'acme', id: revoked.id });
  who.revokedKey = bearer(revoked.key);
  const expired = await t.caller(who.alice).orgs.apiKeys.create({ org: 'acme', name: 'expired', scopes: ['packs:publish', 'packs:read'] });
  await t.services.prisma.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  who.expiredKey = bearer(expired.key);
  acmeKeyId = expired.id;
  who.expiredSession = bearer(await clerk.session('user_alice', { issuedAt: Math.floor(Date.now() / 1000) - 3600, expiresIn: 60 }));
  const [h, p, s] = (await clerk.session('user_gina')).split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'user_alice' })).toString('base64url');
  who.tamperedSession = bearer(`${h}.${forged}.${s}`);
  who.roomToken = bearer((await t.services.signer.sign({ room: 'room_1', org: 'acme', user: 'user_alice', name: 'Alice', role: 'interviewer' })).token);
  who.garbage = 'Bearer not-a-token';
  who.basic = 'Basic dXNlcjpwYXNz';
  who.nobody = undefined;

  await seedVersion(t.services, {
    name: '@acme/basics',
    version: '1.0.0',
    files: {
      [`problems/${PROBLEM}/data/secret/zz-marker.in`]: `[[${MARKERS.secret}, -1]]\n`,
      [`problems/${PROBLEM}/data/secret/zz-marker.ans`]: `${MARKERS.secret}\n`,
    },
    edit: async (dir) => {
      const { appendFile } = await import('node:fs/promises');
      await appendFile(`${dir}/problems/${PROBLEM}/submissions/accepted/kadane.py`, `# ${MARKERS.submission}\n`);
      await appendFile(`${dir}/problems/${PROBLEM}/generators/probe.py`, `# ${MARKERS.generator}\n`);
    },
  });
  const org = await t.services.prisma.org.findUniqueOrThrow({ where: { slug: 'acme' } });
  jobId = (await t.services.prisma.publishJob.findFirstOrThrow({ where: { orgId: org.id } })).id;
});

afterAll(() => t?.close());

async function outcome(call: Call, caller: string): Promise<string> {
  try {
    await call(t.caller(who[caller]));
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error.code;
  }
}

const ANY_BAD_CREDENTIALS = ['nobody', 'expiredSession', 'tamperedSession', 'revokedKey', 'expiredKey', 'garbage', 'basic'];

/** procedure → caller → expected outcome ('ok' or the tRPC code). Bad credentials are UNAUTHORIZED for every authed procedure. */
const MATRIX: Array<[string, Call, Record<string, string>]> = [
  ['auth.whoami', (c) => c.auth.whoami({}), { alice: 'ok', acmePublish: 'ok', roomToken: 'FORBIDDEN' }],
  ['orgs.create', (c) => c.orgs.create({ slug: `o${Math.random().toString(36).slice(2, 8)}`, name: 'X' }), { bob: 'ok', acmePublish: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['orgs.list', (c) => c.orgs.list({}), { bob: 'ok', acmeRooms: 'ok', roomToken: 'FORBIDDEN' }],
  ['orgs.get', (c) => c.orgs.get({ org: 'acme' }), { bob: 'ok', acmeRooms: 'ok', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['orgs.members.list', (c) => c.orgs.members.list({ org: 'acme' }), { bob: 'ok', gina: 'FORBIDDEN', acmePublish: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['orgs.members.add', (c) => c.orgs.members.add({ org: 'acme', userId: 'user_zed', role: 'owner' }), { bob: 'FORBIDDEN', gina: 'FORBIDDEN', acmePublish: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['orgs.members.remove', (c) => c.orgs.members.remove({ org: 'acme', userId: 'user_alice' }), { bob: 'FORBIDDEN', gina: 'FORBIDDEN', acmePublish: 'FORBIDDEN', alice: 'CONFLICT' }],
  ['orgs.apiKeys.create', (c) => c.orgs.apiKeys.create({ org: 'acme', name: 'x', scopes: ['packs:read'] }), { bob: 'FORBIDDEN', gina: 'FORBIDDEN', acmePublish: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['orgs.apiKeys.list', (c) => c.orgs.apiKeys.list({ org: 'acme' }), { alice: 'ok', bob: 'FORBIDDEN', gina: 'FORBIDDEN', acmePublish: 'FORBIDDEN' }],
  ['orgs.apiKeys.revoke', (c) => c.orgs.apiKeys.revoke({ org: 'acme', id: acmeKeyId }), { bob: 'FORBIDDEN', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', acmePublish: 'FORBIDDEN' }],
  ['packs.deprecate', (c) => c.packs.deprecate({ scope: 'acme', pack: 'basics', range: '1.0.0', message: '' }), { bob: 'ok', acmePublish: 'ok', acmeRead: 'FORBIDDEN', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['packs.setDistTag', (c) => c.packs.setDistTag({ scope: 'acme', pack: 'basics', tag: 'stable', version: '1.0.0' }), { alice: 'ok', acmePublish: 'ok', acmeRooms: 'FORBIDDEN', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['packs.removeDistTag', (c) => c.packs.removeDistTag({ scope: 'acme', pack: 'basics', tag: 'nope' }), { alice: 'NOT_FOUND', acmeRead: 'FORBIDDEN', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
  ['publishes.get', (c) => c.publishes.get({ id: jobId }), { alice: 'ok', acmePublish: 'ok', acmeRead: 'FORBIDDEN', gina: 'FORBIDDEN', globexKey: 'FORBIDDEN', roomToken: 'FORBIDDEN' }],
];

describe.each(MATRIX)('%s', (_name, call, expected) => {
  test.each(ANY_BAD_CREDENTIALS)('refuses %s as UNAUTHORIZED', async (caller) => {
    expect(await outcome(call, caller)).toBe('UNAUTHORIZED');
  });
  test.each(Object.entries(expected))('%s → %s', async (caller, code) => {
    expect(await outcome(call, caller)).toBe(code);
  });
});

describe('public procedures', () => {
  test.each(['nobody', 'gina', 'globexKey', 'roomToken', 'garbage'])('search, get, versions and problem answer %s without asking who they are', async (caller) => {
    const c = t.caller(who[caller]);
    expect((await c.packs.search({ q: 'subarray' })).items.map((i) => i.name)).toContain('@acme/basics');
    expect((await c.packs.get({ scope: 'acme', pack: 'basics' })).version).toBe('1.0.0');
    expect((await c.packs.versions({ scope: 'acme', pack: 'basics' })).versions).toHaveLength(1);
    expect((await c.packs.problem({ scope: 'acme', pack: 'basics', problem: PROBLEM })).id).toBe(PROBLEM);
  });
});

describe('hidden tests and submissions', () => {
  test('never appear in any public answer (tRPC or REST), only sample data does', async () => {
    const c = t.caller();
    const answers: unknown[] = [
      await c.packs.search({}),
      await c.packs.get({ scope: 'acme', pack: 'basics' }),
      await c.packs.versions({ scope: 'acme', pack: 'basics' }),
      await c.packs.problem({ scope: 'acme', pack: 'basics', problem: PROBLEM }),
    ];
    for (const path of ['/packs', '/packs/acme/basics', '/packs/acme/basics/versions', `/packs/acme/basics/problems/${PROBLEM}`]) {
      answers.push(await (await fetch(`${t.url}/api/v1${path}`)).json());
    }
    const text = JSON.stringify(answers);
    for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
    expect(text).not.toMatch(/kadane|never_negative|quadratic|probe\.py|def generate/);
    const problem = answers[3] as { samples: Array<{ name: string }> };
    expect(problem.samples.map((s) => s.name)).toEqual(['sample/1', 'sample/2']);
  });

  test("the full tarball goes to the pack's authors only", async () => {
    const download = (authorization?: string) =>
      fetch(`${t.url}/api/v1/packs/acme/basics/versions/1.0.0/tarball`, authorization ? { headers: { authorization } } : {});
    for (const caller of ['alice', 'bob', 'acmeRead']) {
      const response = await download(who[caller]);
      expect(response.status, caller).toBe(200);
      expect(response.headers.get('x-duet-integrity')).toMatch(/^sha512-/);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    }
    const refusals: Array<[string, number, string]> = [
      ['nobody', 401, 'UNAUTHORIZED'],
      ['revokedKey', 401, 'UNAUTHORIZED'],
      ['expiredSession', 401, 'UNAUTHORIZED'],
      ['gina', 403, 'FORBIDDEN'],
      ['globexKey', 403, 'FORBIDDEN'],
      ['acmePublish', 403, 'FORBIDDEN'],
      ['roomToken', 403, 'FORBIDDEN'],
    ];
    for (const [caller, status, duetCode] of refusals) {
      const response = await download(who[caller]);
      expect(response.status, caller).toBe(status);
      expect(await response.json(), caller).toMatchObject({ data: { duetCode } });
    }
  });

  test('the judge data blob is reachable by digest only, and no public view names its digest', async () => {
    const problem = await t.services.prisma.problem.findFirstOrThrow({ where: { slug: PROBLEM } });
    const data = JSON.parse((await t.services.blobs.get(problem.judgeDataDigest))!.toString()) as { tests: { secret: Array<{ input: string }> } };
    expect(data.tests.secret.some((test) => test.input.includes(MARKERS.secret))).toBe(true);
    const view = JSON.stringify(await t.caller().packs.problem({ scope: 'acme', pack: 'basics', problem: PROBLEM }));
    expect(view).not.toContain(problem.judgeDataDigest);
  });
});
