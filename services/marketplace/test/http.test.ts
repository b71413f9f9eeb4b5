/** The HTTP surface as other programs meet it: a typed tRPC client, REST by the OpenAPI document, the published keys. */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { duetErrorFromApi, type ApiErrorData } from '@duet/sdk/api';
import { verifyRoomToken } from '@duet/sdk/room';
import type { AppRouter } from '../src/index.js';
import { bearer, openMarket, personWithOrg, type TestMarket } from './support/market.js';
import { seedVersion } from './support/seed.js';

let t: TestMarket;
let alice = '';

beforeAll(async () => {
  t = await openMarket({ database: 'postgres', listen: true });
  alice = await personWithOrg(t, 'user_alice', 'acme');
  await seedVersion(t.services, { name: '@acme/basics', version: '1.0.0' });
});
afterAll(() => t?.close());

const client = (authorization?: string) =>
  createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${t.url}/trpc`, headers: () => (authorization ? { authorization } : {}) })] });

describe('tRPC over HTTP', () => {
  test('typed calls, batched, with the caller from the Authorization header', async () => {
    const [search, me] = await Promise.all([client(alice).packs.search.query({ q: 'subarray' }), client(alice).auth.whoami.query({})]);
    expect(search.items.map((i) => i.name)).toEqual(['@acme/basics']);
    expect(me).toMatchObject({ kind: 'user', user: { id: 'user_alice' } });
  });

  test('errors carry the DuetError code and the HTTP status of the run contract, never a stack', async () => {
    const error = await client().orgs.get.query({ org: 'acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<AppRouter>).data as ApiErrorData & { stack?: string };
    expect(data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, duetCode: 'UNAUTHORIZED' });
    expect(data.stack).toBeUndefined();
    expect(duetErrorFromApi((error as Error).message, data).code).toBe('UNAUTHORIZED');

    const invalid = (await client().packs.search.query({ limit: 0 }).catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(invalid.message).toBe('limit: Too small: expected number to be >=1');
    expect(invalid.data).toMatchObject({ httpStatus: 400, duetCode: 'BAD_REQUEST', issues: [{ field: 'limit' }] });
  });
});

describe('browsers on other sites (the embedded widget)', () => {
  test('a preflight from any origin may send the Authorization header; answers expose Retry-After', async () => {
    const preflight = await fetch(`${t.url}/trpc/runs.create`, {
      method: 'OPTIONS',
      headers: { origin: 'https://school.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    // No cookies are ever honoured across sites: credentials are the bearer header only.
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await fetch(`${t.url}/trpc/packs.search?input=${encodeURIComponent('{}')}`, { headers: { origin: 'https://school.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toContain('retry-after');
  });
});

describe('REST and the OpenAPI document', () => {
  test('every procedure has a REST route in the document, with its security', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, unknown> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('http://market.test/api/v1');
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /whoami',
        'POST /orgs', 'GET /orgs', 'GET /orgs/{org}',
        'GET /orgs/{org}/members', 'POST /orgs/{org}/members', 'DELETE /orgs/{org}/members/{userId}',
        'POST /orgs/{org}/api-keys', 'GET /orgs/{org}/api-keys', 'DELETE /orgs/{org}/api-keys/{id}',
        'GET /packs', 'GET /packs/{scope}/{pack}', 'GET /packs/{scope}/{pack}/versions', 'GET /packs/{scope}/{pack}/problems/{problem}',
        'POST /packs/{scope}/{pack}/deprecate', 'PUT /packs/{scope}/{pack}/dist-tags/{tag}', 'DELETE /packs/{scope}/{pack}/dist-tags/{tag}',
        'GET /publishes/{id}', 'POST /publishes', 'GET /packs/{scope}/{pack}/versions/{version}/tarball',
        'POST /rooms', 'GET /rooms/{roomId}', 'POST /rooms/{roomId}/tokens', 'POST /rooms/{roomId}/end',
        'POST /runs', 'GET /runs/{runId}', 'GET /runs/{runId}/events',
        'POST /webhooks/endpoints', 'GET /webhooks/endpoints', 'DELETE /webhooks/endpoints/{endpointId}',
        'GET /webhooks/deliveries', 'POST /webhooks/deliveries/{deliveryId}/redeliver',
      ].sort(),
    );
    expect(doc.paths['/packs']!.get!.security).toBeUndefined();
    expect(doc.paths['/orgs']!.post!.security).toEqual([{ Authorization: [] }]);
    expect(Object.keys(doc.paths['/publishes']!.post!.requestBody!.content)).toContain('application/gzip');
  });

  test('REST routes answer as the document says, errors in one shape', async () => {
    const pack = (await (await fetch(`${t.url}/api/v1/packs/acme/basics?range=%5E1`)).json()) as { version: string };
    expect(pack.version).toBe('1.0.0');
    const created = await fetch(`${t.url}/api/v1/orgs`, { method: 'POST', headers: { authorization: alice, 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'rest-org', name: 'Rest' }) });
    expect(created.status).toBe(200);
    const key = (await (await fetch(`${t.url}/api/v1/orgs/rest-org/api-keys`, { method: 'POST', headers: { authorization: alice, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ci', scopes: ['packs:publish'] }) })).json()) as { key: string; id: string };
    const me = await fetch(`${t.url}/api/v1/whoami`, { headers: { authorization: bearer(key.key) } });
    expect(await me.json()).toMatchObject({ kind: 'apiKey', org: 'rest-org' });
    const revoked = await fetch(`${t.url}/api/v1/orgs/rest-org/api-keys/${key.id}`, { method: 'DELETE', headers: { authorization: alice } });
    expect(revoked.status).toBe(200);
    const refused = await fetch(`${t.url}/api/v1/whoami`, { headers: { authorization: bearer(key.key) } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED', data: { duetCode: 'UNAUTHORIZED', httpStatus: 401 } });
    const conflict = await fetch(`${t.url}/api/v1/orgs`, { method: 'POST', headers: { authorization: alice, 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'rest-org', name: 'Again' }) });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { message: string }).message).toBe('the org slug "rest-org" is taken');
    // Search's REST route: repeated tags, numbers from the query string, errors in the same shape.
    const url = `${t.url}/api/v1/packs?q=subarray&tags=arrays&tags=dynamic-programming&limit=5`;
    const first = await fetch(url);
    expect(first.headers.get('x-duet-cache')).toBe('miss');
    expect(((await first.json()) as { items: Array<{ name: string }> }).items.map((i) => i.name)).toEqual(['@acme/basics']);
    const again = await fetch(`${t.url}/api/v1/packs?limit=5&tags=dynamic-programming&tags=arrays&q=Subarray`);
    expect(again.headers.get('x-duet-cache')).toBe('hit');
    const bad = await fetch(`${t.url}/api/v1/packs?limit=lots`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST', data: { duetCode: 'BAD_REQUEST', httpStatus: 400, issues: [{ field: 'limit' }] } });
    const missing = await fetch(`${t.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ data: { duetCode: 'NOT_FOUND' } });
  });
});

describe('room tokens', () => {
  test('the judge and the collaboration service verify them with the JWKS the marketplace publishes', async () => {
    const jwks = await fetch(`${t.url}/.well-known/jwks.json`);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    expect(((await jwks.json()) as { keys: Array<{ kty: string; crv: string; alg: string; d?: string }> }).keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: t.services.signer.kid }),
    ]);
    const { token } = await t.services.signer.sign({ room: 'room_7', org: 'acme', user: 'user_bob', name: 'Bob', role: 'candidate', ttlSeconds: 600 });
    const claims = await verifyRoomToken(token, createRemoteJWKSet(new URL(`${t.url}/.well-known/jwks.json`)), { issuer: 'http://market.test', room: 'room_7' });
    expect(claims).toMatchObject({ sub: 'user_bob', room: 'room_7', org: 'acme', name: 'Bob', role: 'candidate', perms: ['view', 'edit', 'run', 'submit'] });
    expect(claims.exp - claims.iat).toBe(600);
  });

  test('healthz says which parts run', async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok', database: 'postgres', blobs: 'local', identity: 'clerk' });
  });
});
