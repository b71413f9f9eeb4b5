/**
 * What the demo host site asks of the marketplace, with an org API key kept on the server: the
 * key is created once through the dev marketplace's local identity (development mode) and saved.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuetClient } from '@duet/sdk';

const ORG = 'demo';
const PACK = process.env.DUET_DEMO_PACK ?? '@duet/starter@^1';
const PROBLEM = process.env.DUET_DEMO_PROBLEM ?? 'two-sum';

/** @param {{ marketUrl: string, stateDir: string }} opts */
export async function createMarketplaceAdmin({ marketUrl, stateDir }) {
  const keyFile = join(stateDir, 'api-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, await bootstrapKey(marketUrl), { mode: 0o600 });
  const client = createDuetClient({ baseUrl: marketUrl, apiKey: readFileSync(keyFile, 'utf8').trim() });
  return {
    /** @param {{ mode: string, durationSeconds?: number }} opts */
    createRoom: ({ mode, durationSeconds }) => client.rooms.create({ pack: PACK, problem: PROBLEM, mode, ...(durationSeconds ? { durationSeconds } : {}) }),
    getRoom: (/** @type {string} */ roomId) => client.rooms.get(roomId),
    endRoom: (/** @type {string} */ roomId) => client.rooms.end(roomId),
    /** @param {{ roomId: string, name: string, role: string }} opts */
    mintToken: (opts) => client.rooms.token({ ...opts, ttlSeconds: 4 * 3600 }),
  };
}

/** Development mode: requests without credentials act as the local developer, who may create an org and its key. */
async function bootstrapKey(/** @type {string} */ marketUrl) {
  const created = await trpc(marketUrl, 'orgs.create', { slug: ORG, name: 'Demo host site' });
  if (created.error && created.error.data?.httpStatus !== 409) throw new Error(`orgs.create: ${created.error.message}`);
  const key = await trpc(marketUrl, 'orgs.apiKeys.create', { org: ORG, name: 'demo host site', scopes: ['packs:read', 'rooms:write', 'runs:write'] });
  if (key.error) throw new Error(`orgs.apiKeys.create: ${key.error.message}`);
  return key.result.data.key;
}

async function trpc(/** @type {string} */ base, /** @type {string} */ path, /** @type {unknown} */ input) {
  const response = await fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return /** @type {any} */ (await response.json());
}
