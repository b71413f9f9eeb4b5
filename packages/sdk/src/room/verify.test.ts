import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { DuetError } from '../run/errors.js';
import { ROLE_PERMISSIONS, ROOM_TOKEN, verifyRoomToken } from './index.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: KeyPair;
let jwks: { keys: JWK[] };
let kid: string;
const now = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  keys = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(keys.publicKey);
  kid = await calculateJwkThumbprint(jwk);
  jwks = { keys: [{ ...jwk, kid, alg: ROOM_TOKEN.algorithm, use: 'sig' }] };
});

function claims(over: Record<string, unknown> = {}) {
  return { room: 'room_1', org: 'org_1', name: 'Ada', role: 'candidate', perms: [...ROLE_PERMISSIONS.candidate], ...over };
}

async function sign(
  payload: Record<string, unknown> = claims(),
  opts: { key?: CryptoKey; alg?: string; typ?: string; iat?: number; exp?: number; aud?: string; sub?: string } = {},
): Promise<string> {
  const iat = opts.iat ?? now;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: opts.alg ?? ROOM_TOKEN.algorithm, kid, typ: opts.typ ?? ROOM_TOKEN.type })
    .setIssuer('http://market.test')
    .setAudience(opts.aud ?? ROOM_TOKEN.audience)
    .setSubject(opts.sub ?? 'user_1')
    .setIssuedAt(iat)
    .setExpirationTime(opts.exp ?? iat + 600)
    .setJti('jti_1')
    .sign(opts.key ?? keys.privateKey);
}

async function refusal(promise: Promise<unknown>): Promise<DuetError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DuetError);
  return error as DuetError;
}

describe('verifyRoomToken', () => {
  test('accepts a token signed with a published key and returns its claims', async () => {
    const verified = await verifyRoomToken(await sign(), jwks, { issuer: 'http://market.test', room: 'room_1' });
    expect(verified).toMatchObject({ sub: 'user_1', room: 'room_1', org: 'org_1', name: 'Ada', role: 'candidate', perms: ['view', 'edit', 'run', 'submit'] });
  });

  test('refuses expired, tampered, foreign-key, wrong-audience and wrong-issuer tokens as UNAUTHORIZED', async () => {
    const expired = await sign(claims(), { iat: now - 3600, exp: now - 60 });
    expect(await refusal(verifyRoomToken(expired, jwks))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/expired/) });

    const [header, payload, signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'interviewer' })).toString('base64url');
    expect(await refusal(verifyRoomToken(`${header}.${forged}.${signature}`, jwks))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/signature/) });

    const other = await generateKeyPair('Ed25519');
    expect((await refusal(verifyRoomToken(await sign(claims(), { key: other.privateKey }), jwks))).code).toBe('UNAUTHORIZED');
    expect((await refusal(verifyRoomToken(await sign(claims(), { aud: 'someone-else' }), jwks))).message).toMatch(/aud/);
    expect((await refusal(verifyRoomToken(await sign(), jwks, { issuer: 'http://evil.test' }))).message).toMatch(/iss/);
    expect((await refusal(verifyRoomToken('not.a.token', jwks))).code).toBe('UNAUTHORIZED');
  });

  test('pins the algorithm and the token type', async () => {
    const rsa = await generateKeyPair('RS256');
    const rsaToken = await sign(claims(), { key: rsa.privateKey, alg: 'RS256' });
    expect((await refusal(verifyRoomToken(rsaToken, jwks))).message).toMatch(/algorithm not allowed/);
    expect((await refusal(verifyRoomToken(await sign(claims(), { typ: 'JWT' }), jwks))).message).toMatch(/typ/);
  });

  test('refuses a valid token for another room as FORBIDDEN', async () => {
    expect(await refusal(verifyRoomToken(await sign(), jwks, { room: 'room_2' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('refuses malformed claims and over-long lifetimes', async () => {
    expect((await refusal(verifyRoomToken(await sign(claims({ role: 'admin' })), jwks))).message).toMatch(/claim role/);
    expect((await refusal(verifyRoomToken(await sign(claims({ perms: ['root'] })), jwks))).message).toMatch(/claim perms/);
    const long = await sign(claims(), { exp: now + ROOM_TOKEN.maxLifetimeSeconds + 60 });
    expect((await refusal(verifyRoomToken(long, jwks))).message).toMatch(/lives longer/);
  });
});
