/**
 * A marketplace killed mid-publish: after the restart nothing half-written is visible, the job says
 * it was interrupted, the blobs it staged are gone, and the same version publishes cleanly.
 * First deterministically in-process (death while storing, then the restart's recovery), then
 * with SIGKILL on the real service while it judges and while it stores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { PublishJobView } from '@duet/sdk/api';
import { createLocalBlobStore } from '../src/blobs/local-blob-store.js';
import type { BlobStore } from '../src/blobs/blob-store.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { recoverPublishJobs } from '../src/publish/recover.js';
import { receiveUpload } from '../src/publish/receive-upload.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { postgresForTest } from './support/databases.js';
import { openMarket } from './support/market.js';
import { packTarball } from './support/packs.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

async function blobFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'blobs');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}

describe('death while storing (in-process, deterministic)', () => {
  test('the restart fails the job and removes what it staged; the late writer cannot make it visible', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'market-recovery-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const real = await createLocalBlobStore(join(dataDir, 'blobs'));
    let release = () => {};
    const hung = new Promise<void>((resolve) => (release = resolve));
    let puts = 0;
    // Writes the tarball, then stalls forever on the next blob: the process "dies" mid-store.
    const dying: BlobStore = { ...real, put: async (bytes, type) => (++puts === 1 ? real.put(bytes, type) : hung.then(() => real.put(bytes, type))) };
    const t = await openMarket({ database: 'postgres', clerk: false, blobStore: dying, env: { DUET_MARKET_DATA_DIR: dataDir } });
    onTestFinished(async () => {
      release();
      await t.close();
    });
    const { prisma, config } = t.services;
    const tarball = await packTarball({ name: '@acme/basics', version: '1.0.0' });
    const dev = (await t.services.identity.resolve(undefined))!;
    const job = await receiveUpload(t.services, dev, tarball.bytes, {});
    await until('the job to store its first blob', async () => ((await prisma.publishJob.findUnique({ where: { id: job.id } }))?.state === 'STORING' && (await real.has(tarball.sha256)) ? true : undefined));
    expect(await blobFiles(dataDir)).toEqual([tarball.sha256]);

    // What the next start of this instance does first.
    const failed = await recoverPublishJobs({ prisma, blobs: real, instanceId: config.instanceId, workRoot: join(dataDir, 'work') }, true);
    expect(failed).toEqual([job.id]);
    const after = await prisma.publishJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(after.state).toBe('FAILED');
    expect(after.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^interrupted: .* while this publish was storing; nothing of it was published/) });
    expect(await blobFiles(dataDir)).toEqual([]);
    expect(await prisma.packVersion.count()).toBe(0);
    expect(await readdir(join(dataDir, 'work'))).toEqual([]);

    // The stalled writer wakes up: its commit finds the job failed and publishes nothing.
    release();
    await t.services.publisher.idle();
    expect(await prisma.packVersion.count()).toBe(0);
    expect(await prisma.pack.count()).toBe(0);
    expect((await prisma.publishJob.findUniqueOrThrow({ where: { id: job.id } })).state).toBe('FAILED');
  });
});

interface Service {
  child: ChildProcess;
  url: string;
}

async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await until('the service to listen', async () => {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}): ${output}`);
    return /listening on (http:\/\/[\d.:]+)/.exec(output)?.[1];
  }, 60_000, 50);
  return { child, url };
}

async function sigkill(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGKILL');
  await exited;
}

const job = async (service: Service, id: string) => (await (await fetch(`${service.url}/api/v1/publishes/${id}`)).json()) as PublishJobView;

describe('SIGKILL on the real service (Postgres)', () => {
  test('killed while judging and while storing: after each restart nothing half-written is visible, and the version publishes cleanly', async () => {
    const url = await postgresForTest();
    const dataDir = await mkdtemp(join(tmpdir(), 'market-kill-'));
    const env = { DATABASE_URL: url, DUET_MARKET_DATA_DIR: dataDir, DUET_MARKET_PORT: '0', DUET_MARKET_INSTANCE_ID: 'kill-test', DUET_MARKET_LOG_LEVEL: 'info' };
    const running: Service[] = [];
    onTestFinished(async () => {
      await Promise.all(running.map(sigkill));
      await rm(dataDir, { recursive: true, force: true });
    });
    const start = async () => {
      const service = await startService(env);
      running.push(service);
      return service;
    };
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    onTestFinished(() => prisma.$disconnect());

    // A 30 MiB README (incompressible) makes storing long enough to land a kill in it.
    const tarball = await packTarball({
      name: '@acme/basics',
      version: '1.0.0',
      edit: (dir) => writeFile(join(dir, 'README.md'), randomBytes(15 << 20).toString('hex').slice(0, 30 << 20)),
    });
    const post = async (service: Service) => {
      const response = await fetch(`${service.url}/api/v1/publishes`, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: tarball.bytes });
      expect(response.status).toBe(202);
      return ((await response.json()) as PublishJobView).id;
    };
    const expectNothingVisible = async (service: Service, id: string, state: string) => {
      expect(await job(service, id)).toMatchObject({ state: 'failed', error: { message: expect.stringContaining(`while this publish was ${state}; nothing of it was published`) } });
      expect((await fetch(`${service.url}/api/v1/packs/acme/basics`)).status).toBe(404);
      expect(await prisma.packVersion.count()).toBe(0);
      expect(await prisma.problem.count()).toBe(0);
      expect(await prisma.blob.count()).toBe(0);
      expect(await blobFiles(dataDir)).toEqual([]);
      expect(await readdir(join(dataDir, 'work'))).toEqual([]);
    };

    // 1. Killed while judging.
    let service = await start();
    let id = await post(service);
    await until('judging', async () => ((await job(service, id)).state === 'judging' ? true : undefined));
    await sigkill(service);
    service = await start();
    await expectNothingVisible(service, id, 'judging');

    // 2. Killed while storing (the moment the job says so).
    let killedWhileStoring = false;
    for (let attempt = 0; attempt < 3 && !killedWhileStoring; attempt++) {
      id = await post(service);
      const seen = await until('storing or done', async () => {
        const state = (await job(service, id)).state;
        return state === 'storing' || state === 'published' || state === 'failed' ? state : undefined;
      }, 120_000, 5);
      await sigkill(service);
      killedWhileStoring = seen === 'storing';
      service = await start();
      if (killedWhileStoring) {
        await expectNothingVisible(service, id, 'storing');
      } else {
        // The kill came after the commit: then all of it is visible. Start over with a fresh database state.
        expect((await job(service, id)).state).toBe('published');
        await prisma.$executeRawUnsafe('TRUNCATE "Pack", "PackVersion", "Problem", "DistTag", "Blob" CASCADE');
        await rm(join(dataDir, 'blobs'), { recursive: true, force: true });
      }
    }
    expect(killedWhileStoring).toBe(true);

    // 3. The same version publishes cleanly after both interruptions.
    id = await post(service);
    const done = await until('the publish', async () => {
      const view = await job(service, id);
      return view.state === 'published' || view.state === 'failed' ? view : undefined;
    }, 120_000, 100);
    expect(done).toMatchObject({ state: 'published', error: null });
    const version = (await (await fetch(`${service.url}/api/v1/packs/acme/basics`)).json()) as { version: string; integrity: string };
    expect(version).toMatchObject({ version: '1.0.0', integrity: tarball.integrity });
    expect(await blobFiles(dataDir)).toHaveLength(2);
  }, 600_000);
});
