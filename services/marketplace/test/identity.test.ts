import { generateKeyPair } from 'jose';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashApiKey } from '../src/auth/api-keys.js';
import { DEV_USER_EXTERNAL_ID } from '../src/index.js';
import { bearer, openMarket, personWithOrg, type TestMarket } from './support/market.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; duetCode: string; message: string }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const e = error as TRPCError & { cause?: { code?: string } };
  return { code: e.code, duetCode: e.cause?.code ?? '', message: e.message };
}

let t: TestMarket;
/** A second marketplace, in development mode (and with its own room-token key). */
let dev: TestMarket;
beforeAll(async () => {
  [t, dev] = await Promise.all([openMarket({ database: 'pglite' }), openMarket({ database: 'pglite', clerk: false })]);
});
afterAll(() => Promise.all([t?.close(), dev?.close()]));

describe('with Clerk (sessions verified offline with the instance key)', () => {
  test('a session token names a person, recorded once on first sight', async () => {
    const auth = bearer(await t.clerk!.session('user_ada'));
    expect(await t.caller(auth).auth.whoami({})).toEqual({ kind: 'user', dev: false, user: { id: 'user_ada', displayName: null }, org: null, scopes: null });
    await t.caller(bearer(await t.clerk!.session('user_ada'))).auth.whoami({});
    expect(await t.services.prisma.user.count({ where: { externalId: 'user_ada' } })).toBe(1);
  });

  test('expired, not yet valid, other-key, wrong-party and unsigned tokens are UNAUTHORIZED with the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Promise<string>, RegExp]> = [
      ['expired', t.clerk!.session('user_ada', { issuedAt: now - 600, expiresIn: 60 }), /token-expired/],
      ['future', t.clerk!.session('user_ada', { issuedAt: now + 600 }), /token-not-active-yet|token-iat-in-the-future/],
      ['other key', generateKeyPair('RS256').then(({ privateKey }) => t.clerk!.session('user_ada', { key: privateKey })), /token-invalid-signature/],
      ['wrong azp', t.clerk!.session('user_ada', { azp: 'https://evil.example' }), /token-invalid-authorized-parties/],
    ];
    for (const [what, token, reason] of cases) {
      const refused = await refusal(t.caller(bearer(await token)).auth.whoami({}));
      expect(refused.code, what).toBe('UNAUTHORIZED');
      expect(refused.message, what).toMatch(reason);
    }
    const [header, payload] = (await t.clerk!.session('user_ada')).split('.');
    expect((await refusal(t.caller(bearer(`${header}.${payload}.`)).auth.whoami({}))).code).toBe('UNAUTHORIZED');
  });

  test('API keys: shown once, stored as a SHA-256 hash with a visible prefix, last use recorded, refused once revoked', async () => {
    const admin = await personWithOrg(t, 'user_ops', 'keys-org');
    const created = await t.caller(admin).orgs.apiKeys.create({ org: 'keys-org', name: 'CI', scopes: ['packs:publish', 'packs:publish'] });
    expect(created.key).toMatch(/^duet_sk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.scopes).toEqual(['packs:publish']);
    const row = await t.services.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(created.prefix.length + 1));
    expect(JSON.stringify(await t.caller(admin).orgs.apiKeys.list({ org: 'keys-org' }))).not.toContain(created.key);

    expect(await t.caller(bearer(created.key)).auth.whoami({})).toMatchObject({ kind: 'apiKey', org: 'keys-org', scopes: ['packs:publish'] });
    const listed = await t.caller(admin).orgs.apiKeys.list({ org: 'keys-org' });
    expect(listed.keys[0]!.lastUsedAt).not.toBeNull();

    // A key with one character changed is not the key.
    const last = created.key.at(-1) === 'A' ? 'B' : 'A';
    expect((await refusal(t.caller(bearer(created.key.slice(0, -1) + last)).auth.whoami({}))).message).toBe('invalid API key');

    const revoked = await t.caller(admin).orgs.apiKeys.revoke({ org: 'keys-org', id: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await refusal(t.caller(bearer(created.key)).auth.whoami({}))).toMatchObject({ code: 'UNAUTHORIZED', message: `API key ${created.prefix} was revoked` });
  });

  test('an expiring key stops at its expiry', async () => {
    const admin = await personWithOrg(t, 'user_exp', 'exp-org');
    const created = await t.caller(admin).orgs.apiKeys.create({ org: 'exp-org', name: 'short', scopes: ['packs:read'], expiresInDays: 1 });
    expect(new Date(created.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    await t.services.prisma.apiKey.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await refusal(t.caller(bearer(created.key)).auth.whoami({}))).message).toMatch(/expired/);
  });

  test('room tokens from this marketplace are recognised; ones from another key are not', async () => {
    const { token } = await t.services.signer.sign({ room: 'r1', org: 'o1', user: 'u1', name: 'Observer', role: 'observer' });
    expect((await refusal(t.caller(bearer(token)).auth.whoami({}))).code).toBe('FORBIDDEN');
    const identity = await t.services.identity.resolve(bearer(token));
    expect(identity).toMatchObject({ kind: 'room', claims: { room: 'r1', role: 'observer', perms: ['view'] } });
    const foreign = (await dev.services.signer.sign({ room: 'r1', org: 'o1', user: 'u1', name: 'X', role: 'candidate' })).token;
    expect(await refusal(t.caller(bearer(foreign)).auth.whoami({}))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/room token rejected/) });
  });

  test('without credentials nothing but public procedures answer', async () => {
    expect((await refusal(t.caller().auth.whoami({}))).code).toBe('UNAUTHORIZED');
    expect((await t.caller().packs.search({})).total).toBeGreaterThanOrEqual(0);
  });
});

describe('development mode (no Clerk key)', () => {
  test('requests without credentials are the local developer; Clerk tokens are refused; API keys still work', async () => {
    expect(await dev.caller().auth.whoami({})).toEqual({ kind: 'user', dev: true, user: { id: DEV_USER_EXTERNAL_ID, displayName: 'Local developer' }, org: null, scopes: null });
    await dev.caller().orgs.create({ slug: 'devorg', name: 'Dev' });
    const key = await dev.caller().orgs.apiKeys.create({ org: 'devorg', name: 'k', scopes: ['packs:publish'] });
    expect(await dev.caller(bearer(key.key)).auth.whoami({})).toMatchObject({ kind: 'apiKey', dev: true, org: 'devorg' });
    expect((await refusal(dev.caller(bearer(await t.clerk!.session('user_x'))).auth.whoami({}))).message).toMatch(/Clerk is not configured \(development mode\)/);
  });
});
