import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate, MIGRATIONS_DIR, PRISMA_MIGRATE_LOCK_KEY } from '../src/db/migrate.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPostgresDatabase, postgresForTest, type DatabaseKind } from './support/databases.js';

/**
 * Schema and migrations agree: on a database migrated only by our start-up migrator, every model
 * is created, read, updated and deleted through the generated client, with every field written.
 * A column missing or misnamed in the SQL fails here at once.
 */
async function crudEveryModel(prisma: PrismaClient): Promise<void> {
  const user = await prisma.user.create({ data: { externalId: 'user_crud', displayName: 'Crud' } });
  const org = await prisma.org.create({ data: { slug: 'crud', name: 'Crud Inc' } });
  const member = await prisma.member.create({ data: { orgId: org.id, userId: user.id, role: 'ADMIN' } });
  const key = await prisma.apiKey.create({
    data: { orgId: org.id, name: 'ci', publicId: 'abcdef012345', hash: 'f'.repeat(64), scopes: ['packs:publish'], createdById: user.id, expiresAt: new Date(Date.now() + 1e6) },
  });
  const tarball = await prisma.blob.create({ data: { digest: 'a'.repeat(64), size: 10, mediaType: 'application/gzip' } });
  const data = await prisma.blob.create({ data: { digest: 'b'.repeat(64), size: 20, mediaType: 'application/vnd.duet.problem-data+json' } });
  const pack = await prisma.pack.create({
    data: {
      scope: 'crud', name: 'basics', orgId: org.id, access: 'PAID', priceAmount: 999, priceCurrency: 'usd', latestVersion: '1.0.0',
      title: 'Graph basics', description: 'Breadth first search and friends', tags: ['graphs'], difficulties: ['easy'], problemCount: 1, searchText: 'Breadth First graphs', statementText: 'shortest path dijkstra',
    },
  });
  const version = await prisma.packVersion.create({
    data: { packId: pack.id, version: '1.0.0', integrity: 'sha512-x', tarballDigest: tarball.digest, tarballSize: 10, manifest: { name: '@crud/basics' }, publishedById: user.id, publishedByKeyId: key.id },
  });
  const problem = await prisma.problem.create({
    data: {
      versionId: version.id, slug: 'bfs', position: 0, title: 'Breadth First', difficulty: 'easy', tags: ['graphs'], interfaceType: 'stdio', timeLimitMs: 1000,
      publicView: { id: 'bfs' }, statement: 'Find the shortest path in an unweighted graph', judgeDataDigest: data.digest,
    },
  });
  const tag = await prisma.distTag.create({ data: { packId: pack.id, tag: 'latest', versionId: version.id } });
  const entitlement = await prisma.entitlement.create({ data: { orgId: org.id, packId: pack.id, source: 'GRANT', reference: 'by hand', expiresAt: new Date(Date.now() + 1e6) } });
  const job = await prisma.publishJob.create({
    data: {
      orgId: org.id, packName: '@crud/basics', version: '1.0.0', tag: 'latest', integrity: 'sha512-x', size: 10, stagedDigests: [tarball.digest], progress: { step: 'judging', done: 0, total: 1 },
      report: [], error: { code: 'INTERNAL', message: 'x', issues: [] }, requestedById: user.id, requestedByKeyId: key.id, instanceId: 'crud', versionId: version.id,
    },
  });

  // Read back, through relations.
  const read = await prisma.pack.findUniqueOrThrow({
    where: { scope_name: { scope: 'crud', name: 'basics' } },
    include: { org: { include: { members: { include: { user: true } }, apiKeys: true, publishJobs: true, entitlements: true } }, versions: { include: { problems: { include: { judgeData: true } }, tarball: true, distTags: true } } },
  });
  expect(read.org.members[0]).toMatchObject({ role: 'ADMIN', user: { externalId: 'user_crud' } });
  expect(read.org.apiKeys[0]).toMatchObject({ scopes: ['packs:publish'], createdById: user.id });
  expect(read.org.publishJobs[0]).toMatchObject({ state: 'RECEIVED', progress: { step: 'judging' }, versionId: version.id });
  expect(read.org.entitlements[0]).toMatchObject({ source: 'GRANT', reference: 'by hand' });
  expect(read.versions[0]).toMatchObject({ manifest: { name: '@crud/basics' }, tarball: { size: 10 }, distTags: [{ tag: 'latest' }] });
  expect(read.versions[0]!.problems[0]).toMatchObject({ slug: 'bfs', judgeData: { mediaType: 'application/vnd.duet.problem-data+json' } });
  expect(read).toMatchObject({ access: 'PAID', priceAmount: 999, tags: ['graphs'], difficulties: ['easy'] });

  // The generated full-text columns exist and follow their source columns.
  const hits = await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Pack" WHERE "documentVector" @@ websearch_to_tsquery('english', 'dijkstra')`;
  expect(hits.map((h) => h.id)).toEqual([pack.id]);
  const titled = await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Pack" WHERE "searchVector" @@ websearch_to_tsquery('english', 'graph basics breadth')`;
  expect(titled.map((h) => h.id)).toEqual([pack.id]);
  const problemHits = await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Problem" WHERE "searchVector" @@ websearch_to_tsquery('english', 'unweighted paths')`;
  expect(problemHits.map((h) => h.id)).toEqual([problem.id]);

  // Update every model.
  await prisma.user.update({ where: { id: user.id }, data: { displayName: 'Renamed' } });
  await prisma.org.update({ where: { id: org.id }, data: { name: 'Crud Ltd' } });
  await prisma.member.update({ where: { orgId_userId: { orgId: member.orgId, userId: member.userId } }, data: { role: 'OWNER' } });
  await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(), revokedAt: new Date() } });
  await prisma.blob.update({ where: { digest: data.digest }, data: { mediaType: 'application/json' } });
  await prisma.pack.update({ where: { id: pack.id }, data: { statementText: 'minimum spanning tree' } });
  await prisma.packVersion.update({ where: { id: version.id }, data: { deprecated: 'use 2.x' } });
  await prisma.problem.update({ where: { id: problem.id }, data: { statement: 'Count islands in a grid' } });
  await prisma.distTag.update({ where: { packId_tag: { packId: tag.packId, tag: tag.tag } }, data: { tag: 'stable' } });
  await prisma.entitlement.update({ where: { id: entitlement.id }, data: { revokedAt: new Date() } });
  await prisma.publishJob.update({ where: { id: job.id }, data: { state: 'PUBLISHED', finishedAt: new Date(), heartbeatAt: new Date() } });
  const moved = await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Pack" WHERE "documentVector" @@ websearch_to_tsquery('english', 'spanning tree')`;
  expect(moved).toHaveLength(1);
  expect(await prisma.problem.findUniqueOrThrow({ where: { id: problem.id } })).toMatchObject({ statement: 'Count islands in a grid' });
  expect(await prisma.distTag.findMany()).toMatchObject([{ tag: 'stable' }]);

  await crudRoomsRunsWebhooks(prisma, { orgId: org.id, versionId: version.id, problemId: problem.id });

  // Delete every model (children first where the schema restricts).
  await prisma.publishJob.delete({ where: { id: job.id } });
  await prisma.entitlement.delete({ where: { id: entitlement.id } });
  await prisma.distTag.delete({ where: { packId_tag: { packId: pack.id, tag: 'stable' } } });
  await prisma.problem.delete({ where: { id: problem.id } });
  await prisma.packVersion.delete({ where: { id: version.id } });
  await prisma.pack.delete({ where: { id: pack.id } });
  await prisma.blob.deleteMany({ where: { digest: { in: [tarball.digest, data.digest] } } });
  await prisma.apiKey.delete({ where: { id: key.id } });
  await prisma.member.delete({ where: { orgId_userId: { orgId: org.id, userId: user.id } } });
  await prisma.org.delete({ where: { id: org.id } });
  await prisma.user.delete({ where: { id: user.id } });
  const counts = await Promise.all([
    prisma.user.count(), prisma.org.count(), prisma.member.count(), prisma.apiKey.count(), prisma.pack.count(), prisma.packVersion.count(),
    prisma.distTag.count(), prisma.problem.count(), prisma.blob.count(), prisma.entitlement.count(), prisma.publishJob.count(),
  ]);
  expect(counts).toEqual(new Array(11).fill(0));
}

/** Rooms, runs, run events, webhook endpoints and deliveries: created, read, updated and deleted. */
async function crudRoomsRunsWebhooks(prisma: PrismaClient, refs: { orgId: string; versionId: string; problemId: string }): Promise<void> {
  const room = await prisma.room.create({
    data: { id: 'room_crud', orgId: refs.orgId, packVersionId: refs.versionId, problemId: refs.problemId, packRef: '@crud/basics@1.0.0', problemSlug: 'bfs', mode: 'INTERVIEW', durationSeconds: 3600, startedAt: new Date(), endsAt: new Date(Date.now() + 3600e3) },
  });
  const run = await prisma.run.create({ data: { id: 'run_crud', roomId: room.id, orgId: refs.orgId, kind: 'custom', code: 'print(1)', stdin: '1\n', userId: 'u1', total: 1 } });
  await prisma.runEvent.create({ data: { runId: run.id, index: 0, result: { name: 'custom', verdict: 'AC' } } });
  const endpoint = await prisma.webhookEndpoint.create({ data: { orgId: refs.orgId, url: 'https://hooks.example.com/duet', secret: 'whsec_x', events: ['run.completed'], description: 'ci' } });
  const delivery = await prisma.webhookDelivery.create({ data: { id: 'msg_crud', endpointId: endpoint.id, eventType: 'run.completed', payload: { type: 'run.completed' }, lastStatus: 500, lastError: 'boom' } });

  const read = await prisma.room.findUniqueOrThrow({ where: { id: room.id }, include: { runs: { include: { events: true } } } });
  expect(read).toMatchObject({ mode: 'INTERVIEW', state: 'OPEN', durationSeconds: 3600, runs: [{ kind: 'custom', stdin: '1\n', state: 'QUEUED', attempts: 0, events: [{ index: 0, result: { verdict: 'AC' } }] }] });
  expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, include: { deliveries: true } })).toMatchObject({ events: ['run.completed'], deliveries: [{ id: 'msg_crud', state: 'PENDING', lastStatus: 500 }] });

  await prisma.room.update({ where: { id: room.id }, data: { state: 'ENDED', endedAt: new Date(), endedBy: 'timer' } });
  await prisma.run.update({ where: { id: run.id }, data: { state: 'DONE', result: { verdict: 'AC' }, verdict: 'AC', attempts: 1, startedAt: new Date(), finishedAt: new Date(), judgeMs: 12 } });
  await prisma.runEvent.update({ where: { runId_index: { runId: run.id, index: 0 } }, data: { result: { verdict: 'WA' } } });
  await prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date() } });
  await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { state: 'SUCCEEDED', attempts: 2, deliveredAt: new Date(), nextAttemptAt: new Date() } });
  expect(await prisma.run.findUniqueOrThrow({ where: { id: run.id }, include: { events: true } })).toMatchObject({ state: 'DONE', verdict: 'AC', judgeMs: 12, events: [{ result: { verdict: 'WA' } }] });
  expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });

  await prisma.webhookDelivery.delete({ where: { id: delivery.id } });
  await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
  await prisma.runEvent.delete({ where: { runId_index: { runId: run.id, index: 0 } } });
  await prisma.run.delete({ where: { id: run.id } });
  await prisma.room.delete({ where: { id: room.id } });
  const counts = await Promise.all([prisma.room.count(), prisma.run.count(), prisma.runEvent.count(), prisma.webhookEndpoint.count(), prisma.webhookDelivery.count()]);
  expect(counts).toEqual([0, 0, 0, 0, 0]);
}

describe.each<DatabaseKind>(['postgres', 'pglite'])('schema and migrations agree on %s', (kind) => {
  let db: Database;
  let dropPostgres: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      const pgDb = await createPostgresDatabase();
      dropPostgres = pgDb.drop;
      db = await openDatabase({ kind: 'postgres', url: pgDb.url, poolSize: 2 });
    } else {
      db = await openDatabase({ kind: 'pglite', dir: 'memory://' });
    }
  });
  afterAll(async () => {
    await db?.close();
    await dropPostgres?.();
  });

  test('a fresh database gets every migration once, and every model round-trips through the client', async () => {
    expect(db.kind).toBe(kind);
    expect(db.applied).toEqual(await migrationNames());
    expect(db.applied).toContain('20261129000000_reports');
    expect(db.applied).toContain('20261128230000_rooms_runs');
    await crudEveryModel(db.prisma);
    await crudReport(db.prisma);
  });
});

describe('the start-up migrator', () => {
  test('two instances starting together on an empty Postgres take turns under the lock: the migrations apply once', async () => {
    const url = await postgresForTest();
    const sessions = await Promise.all([0, 1, 2].map(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }));
    try {
      const results = await Promise.all(sessions.map((c) => migrate({ query: async <T>(sql: string, params?: unknown[]) => (await c.query(sql, params)) as unknown as { rows: T[] }, exec: (sql) => c.query(sql) })));
      const all = await migrationNames();
      expect(results.map((r) => r.length).sort()).toEqual([0, 0, all.length]);
      const { rows } = await sessions[0]!.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
      expect(rows).toHaveLength(all.length);
      const sql = await readFile(join(MIGRATIONS_DIR, '20261128000000_init', 'migration.sql'));
      // Prisma Migrate's checksum: SHA-256 of the file, hex, so `prisma migrate status` agrees with us.
      expect(rows[0]).toMatchObject({ migration_name: '20261128000000_init', checksum: createHash('sha256').update(sql).digest('hex') });
      expect(rows[0].finished_at).toBeInstanceOf(Date);
      // The lock is released: Prisma's key is free again.
      expect((await sessions[1]!.query('SELECT pg_try_advisory_lock($1) AS ok', [PRISMA_MIGRATE_LOCK_KEY])).rows[0].ok).toBe(true);
    } finally {
      await Promise.all(sessions.map((c) => c.end()));
    }
  });

  test('refuses to start when an applied migration was edited, or when one failed earlier', async () => {
    const url = await postgresForTest();
    const dir = await mkdtemp(join(tmpdir(), 'market-migrations-'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const session = { query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)) as unknown as { rows: T[] }, exec: (sql: string) => client.query(sql) };
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(session, dir);
      const file = join(dir, '20261128000000_init', 'migration.sql');
      await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
      await expect(migrate(session, dir)).rejects.toThrow(/20261128000000_init was changed after it was applied/);
      await cp(join(MIGRATIONS_DIR, '20261128000000_init', 'migration.sql'), file);
      // A broken new migration rolls back whole: nothing of it and no row remain.
      await cp(join(dir, '20261128000000_init'), join(dir, '20261129000000_broken'), { recursive: true });
      await writeFile(join(dir, '20261129000000_broken', 'migration.sql'), 'CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";');
      await expect(migrate(session, dir)).rejects.toThrow(/migration 20261129000000_broken failed/);
      expect((await client.query(`SELECT to_regclass('"Half"') AS t`)).rows[0].t).toBeNull();
      expect((await client.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBe((await migrationNames()).length);
      // A failed row left by Prisma's own deploy (finished_at and rolled_back_at null) stops the start.
      await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '20261130000000_prisma_failed')`);
      await expect(migrate(session, join(dir))).rejects.toThrow(/20261130000000_prisma_failed failed earlier/);
    } finally {
      await client.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Every migration folder, in the order the migrator applies them. */
async function migrationNames(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory() && /^\d+_/.test(e.name)).map((e) => e.name).sort();
}

/** The Report model (issue 10), every field written, read, updated and deleted. */
async function crudReport(prisma: PrismaClient): Promise<void> {
  const report = await prisma.report.create({
    data: { roomId: 'room_crud', orgId: 'org_crud', problem: 'two-sum', candidate: 'Ada', outcome: 'accepted', metrics: { runs: 2, pasteShare: 0.1 }, model: { version: 1, notes: 'x' }, version: 1 },
  });
  expect(await prisma.report.findUniqueOrThrow({ where: { roomId: 'room_crud' } })).toMatchObject({ id: report.id, candidate: 'Ada', metrics: { runs: 2 }, model: { notes: 'x' }, version: 1 });
  await expect(prisma.report.create({ data: { roomId: 'room_crud', orgId: 'o', problem: 'p', outcome: 'ran', metrics: {}, model: {}, version: 1 } })).rejects.toThrow();
  await prisma.report.update({ where: { id: report.id }, data: { outcome: 'submitted', metrics: { runs: 3 } } });
  expect(await prisma.report.findMany({ where: { orgId: 'org_crud' }, orderBy: { createdAt: 'desc' } })).toMatchObject([{ outcome: 'submitted', metrics: { runs: 3 } }]);
  await prisma.report.delete({ where: { id: report.id } });
  expect(await prisma.report.count()).toBe(0);
}
