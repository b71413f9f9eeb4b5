import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { loadRoomTokenSigner } from '../src/auth/room-token-signer.js';
import { ConfigError, readConfig } from '../src/index.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const run = promisify(execFile);
const ed25519 = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const rsaPublic = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

function refusal(env: Record<string, string>): string {
  try {
    readConfig(env, '/srv');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  test('embedded defaults: PGlite and local blobs under the data folder, development identity, port 4000', () => {
    const config = readConfig({}, '/srv');
    expect(config).toMatchObject({
      production: false,
      port: 4000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:4000',
      dataDir: '/srv/.duet-marketplace',
      database: { kind: 'pglite', dir: '/srv/.duet-marketplace/pglite' },
      blobs: { kind: 'local', dir: '/srv/.duet-marketplace/blobs' },
      clerk: null,
      roomTokenKey: null,
      publish: { concurrency: 1, limits: { maxBytes: 50 * 1024 * 1024, maxFiles: 10_000 } },
    });
  });

  test('production parts switch on by variable', () => {
    const jwtKey = rsaPublic();
    const config = readConfig({
      DATABASE_URL: 'postgresql://duet@db:5432/duet',
      DUET_MARKET_S3_BUCKET: 'duet-packs',
      AWS_REGION: 'eu-central-1',
      DUET_MARKET_S3_PREFIX: 'market/',
      CLERK_JWT_KEY: jwtKey.replace(/\n/g, '\\n'),
      CLERK_AUTHORIZED_PARTIES: 'https://app.duet.dev, https://duet.dev',
      DUET_MARKET_MAX_TARBALL_MB: '20',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://duet@db:5432/duet', poolSize: 10 });
    expect(config.blobs).toEqual({ kind: 's3', bucket: 'duet-packs', prefix: 'market/', region: 'eu-central-1', endpoint: null, forcePathStyle: false });
    expect(config.clerk).toEqual({ jwtKey, authorizedParties: ['https://app.duet.dev', 'https://duet.dev'] });
    expect(config.publish.limits.maxBytes).toBe(20 * 1024 * 1024);
  });

  test('a malformed variable is named, with its value unless it may hold a secret', () => {
    expect(refusal({ DUET_MARKET_PORT: 'http' })).toBe('invalid configuration: DUET_MARKET_PORT: expected an integer from 0 to 65535 (got "http")');
    const url = refusal({ DATABASE_URL: 'mysql://root:hunter2@db/duet' });
    expect(url).toMatch(/^invalid configuration: DATABASE_URL: expected a postgres: or postgresql: URL/);
    expect(url).not.toContain('hunter2');
    expect(refusal({ CLERK_JWT_KEY: 'sk_test_123' })).toMatch(/CLERK_JWT_KEY: expected a PEM block \(-----BEGIN PUBLIC KEY-----/);
    expect(refusal({ DUET_MARKET_LOG_LEVEL: 'loud' })).toMatch(/DUET_MARKET_LOG_LEVEL: /);
    expect(refusal({ DUET_MARKET_S3_BUCKET: 'packs' })).toMatch(/DUET_MARKET_S3_REGION \(or AWS_REGION\) is required with DUET_MARKET_S3_BUCKET/);
  });

  test('every bad variable is named in the one message', () => {
    const message = refusal({ DUET_MARKET_PORT: '99999', DUET_MARKET_PUBLISH_CONCURRENCY: '0', DUET_MARKET_PUBLIC_URL: 'market' });
    expect(message).toContain('DUET_MARKET_PORT:');
    expect(message).toContain('DUET_MARKET_PUBLISH_CONCURRENCY:');
    expect(message).toContain('DUET_MARKET_PUBLIC_URL:');
  });

  test('NODE_ENV=production refuses development mode and the development room-token key', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/^CLERK_JWT_KEY is required when NODE_ENV=production/);
    expect(refusal({ NODE_ENV: 'production', CLERK_JWT_KEY: rsaPublic() })).toMatch(/^DUET_ROOM_TOKEN_KEY is required when NODE_ENV=production/);
    expect(readConfig({ NODE_ENV: 'production', CLERK_JWT_KEY: rsaPublic(), DUET_ROOM_TOKEN_KEY: ed25519() }).production).toBe(true);
  });

  test('a room-token key that is not Ed25519 is refused, naming the variable', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(loadRoomTokenSigner({ pem: rsa, dataDir: '/nonexistent', issuer: 'x' })).rejects.toThrow(/^DUET_ROOM_TOKEN_KEY: expected an Ed25519 key, got rsa/);
  });

  test('the service stops at start with one line naming the variable (exit 2)', async () => {
    const result = await run(process.execPath, [MAIN], { env: { PATH: process.env.PATH, NODE_ENV: 'production', DUET_MARKET_DATA_DIR: '/nonexistent' } }).catch((e: unknown) => e);
    expect(result).toMatchObject({ code: 2 });
    const stderr = (result as { stderr: string }).stderr;
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^duet-marketplace: CLERK_JWT_KEY is required when NODE_ENV=production/);
  });
});

describe('rooms and runs configuration', () => {
  test('defaults: in-process judge, no room events, 64 KiB code cap, 1200 runs a minute', () => {
    const config = readConfig({}, '/srv');
    expect(config).toMatchObject({ queue: null, collab: null, runs: { perMinute: 1200, maxCodeBytes: 64 * 1024, concurrency: 2 }, webhooks: { retryBaseMs: 5000, maxAttempts: 8 } });
  });

  test('REDIS_URL needs DUET_WORKER_SECRET; COLLAB_URL and COLLAB_SECRET go together; bad values are named', () => {
    expect(refusal({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatch(/^DUET_WORKER_SECRET is required with REDIS_URL/);
    expect(refusal({ COLLAB_URL: 'http://127.0.0.1:4200' })).toMatch(/^COLLAB_SECRET is required with COLLAB_URL/);
    expect(refusal({ REDIS_URL: 'http://x' })).toMatch(/REDIS_URL: expected a redis: or rediss: URL/);
    expect(refusal({ DUET_MARKET_MAX_CODE_KB: '0' })).toMatch(/DUET_MARKET_MAX_CODE_KB: expected an integer from 1 to 1024 \(got "0"\)/);
    const config = readConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2', DUET_WORKER_SECRET: 'w'.repeat(20), DUET_QUEUE_PREFIX: 'ci', COLLAB_URL: 'http://127.0.0.1:4200/', COLLAB_SECRET: 's'.repeat(20) }, '/srv');
    expect(config.queue).toEqual({ redisUrl: 'redis://127.0.0.1:6379/2', prefix: 'ci', workerSecret: 'w'.repeat(20) });
    expect(config.collab).toEqual({ url: 'http://127.0.0.1:4200', secret: 's'.repeat(20) });
  });
});
