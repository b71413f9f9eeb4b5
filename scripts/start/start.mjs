#!/usr/bin/env node
/**
 * `npm start`: the whole product on one machine with embedded defaults (no Postgres, Redis, Clerk
 * or Stripe): the marketplace (with the judge engine in-process), the collaboration service, and a
 * demo host site embedding <duet-pad>; publishes `packs/` into the dev marketplace and prints one
 * URL. Ctrl-C stops everything. State lives in `.duet/` (delete it to start afresh).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessGroup } from './processes.mjs';
import { publishPacks } from './publish-packs.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STATE = resolve(process.env.DUET_STATE_DIR ?? join(ROOT, '.duet'));
const PACKS = resolve(process.env.DUET_PACKS_DIR ?? join(ROOT, 'packs'));
const ports = {
  market: Number(process.env.DUET_MARKET_PORT ?? 4000),
  collab: Number(process.env.DUET_COLLAB_PORT ?? 4200),
  demo: Number(process.env.DUET_DEMO_PORT ?? 3000),
};
const host = '127.0.0.1';

/** One secret between the marketplace and the collaboration service, kept across restarts. */
function collabSecret() {
  const file = join(STATE, 'collab-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  for (const built of ['services/marketplace/dist/main.js', 'services/hocuspocus/dist/main.js', 'packages/widget/dist']) {
    if (!existsSync(join(ROOT, built))) {
      process.stderr.write(`duet start: ${built} is missing: run \`npm run build\` first (the README's install step)\n`);
      process.exit(1);
    }
  }
  mkdirSync(STATE, { recursive: true });
  const secret = collabSecret();
  const marketUrl = `http://${host}:${ports.market}`;
  const collabUrl = `ws://${host}:${ports.collab}`;
  const group = new ProcessGroup();
  let stopping = false;
  const stop = async (/** @type {number} */ code) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nduet start: stopping…\n');
    await group.stopAll();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  group.onUnexpectedExit = (name, code) => {
    process.stderr.write(`duet start: ${name} exited (code ${code}); stopping the rest\n`);
    void stop(1);
  };

  try {
    await group.start({
      name: 'marketplace',
      command: process.execPath,
      args: [join(ROOT, 'services/marketplace/dist/main.js')],
      env: {
        DUET_MARKET_PORT: String(ports.market),
        DUET_MARKET_HOST: host,
        DUET_MARKET_DATA_DIR: join(STATE, 'marketplace'),
        DUET_MARKET_LOG_LEVEL: process.env.DUET_MARKET_LOG_LEVEL ?? 'warn',
        COLLAB_URL: `http://${host}:${ports.collab}`,
        COLLAB_PUBLIC_URL: collabUrl,
        COLLAB_SECRET: secret,
      },
      readyUrl: `${marketUrl}/healthz`,
    });
    await group.start({
      name: 'collab',
      command: process.execPath,
      args: [join(ROOT, 'services/hocuspocus/dist/main.js')],
      env: {
        DUET_COLLAB_PORT: String(ports.collab),
        DUET_COLLAB_HOST: host,
        DUET_COLLAB_DATA_DIR: join(STATE, 'collab'),
        DUET_ROOM_JWKS_URL: `${marketUrl}/.well-known/jwks.json`,
        DUET_COLLAB_SECRET: secret,
      },
      readyUrl: `http://${host}:${ports.collab}/healthz`,
    });
    await publishPacks({ root: ROOT, packsDir: PACKS, registry: marketUrl, log: (line) => process.stdout.write(`${'[packs]'.padEnd(14)} ${line}\n`) });
    await group.start({
      name: 'demo',
      command: process.execPath,
      args: [join(ROOT, 'demo/server.mjs')],
      env: { DUET_DEMO_PORT: String(ports.demo), DUET_DEMO_HOST: host, DUET_MARKET_URL: marketUrl, DUET_COLLAB_URL: collabUrl, DUET_DEMO_STATE: join(STATE, 'demo') },
      ready: /listening on/,
    });
  } catch (error) {
    process.stderr.write(`duet start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }
  process.stdout.write(`\n  Duet is running: open http://${host}:${ports.demo}/ in two windows to pair.\n  Ctrl-C stops everything.\n\n`);
}

void main();
