/**
 * Reports through the marketplace: `buildRoomReport` reads a real (Yjs) timeline from a stand-in
 * collaboration service over HTTP and stores the report; `reports.get` and `reports.shareLink`
 * enforce every access rule (each test tries to break one); the share link serves the PDF and
 * refuses altered and expired links.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeTimeline, type RoomReport } from '@duet/sdk/metrics';
import type { RoomPermission, RoomRole } from '@duet/sdk/room';
import { attachReportService } from '../src/reports/registry.js';
import { createCollabClient } from '../src/reports/collab-client.js';
import { createReportService, type ReportService } from '../src/reports/report-service.js';
import { createShareLinkSigner } from '../src/reports/share-link.js';
import { apiKeyFor, bearer, openMarket, personWithOrg, type TestMarket } from './support/market.js';
import { CANDIDATE, INTERVIEWER, interviewTimelines, NOTES } from './support/report-session.js';

const run = promisify(execFile);
const SECRET = 'collab-secret-for-tests-0123456789';
const ROOM = 'room_rep_1';
const OTHER_ROOM = 'room_rep_2';

/** The collaboration service's timeline API, answering for two rooms, checking the bearer secret. */
async function fakeCollab(timelines: Record<string, { room: unknown; notes: unknown }>): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401).end('{"error":{"code":"UNAUTHORIZED"}}');
      return;
    }
    const match = /^\/v1\/rooms\/([^/]+)\/timeline(\?document=notes)?$/.exec(req.url ?? '');
    const room = match && timelines[match[1]!];
    const body = room ? (match[2] ? room.notes : room.room) : { updates: [], snapshots: [] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('reports', () => {
  let t: TestMarket;
  let collab: Awaited<ReturnType<typeof fakeCollab>>;
  let service: ReportService;
  let acmeId: string;
  let owner: string;
  let key: string;
  let keyWithoutRooms: string;
  let otherOrgKey: string;
  let stranger: string;
  let report: RoomReport;
  let dir: string;

  const token = async (role: RoomRole, options: { room?: string; permissions?: RoomPermission[] } = {}) =>
    bearer((await t.services.signer.sign({ room: options.room ?? ROOM, org: 'acme', user: role === 'candidate' ? CANDIDATE.id : `${role}_1`, name: role, role, ...(options.permissions ? { permissions: options.permissions } : {}) })).token);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reports-test-'));
    t = await openMarket({ listen: true });
    owner = await personWithOrg(t, 'user_owner', 'acme');
    await personWithOrg(t, 'user_evil', 'evil');
    stranger = bearer(await t.clerk!.session('user_stranger'));
    key = await apiKeyFor(t, owner, 'acme', ['rooms:write']);
    keyWithoutRooms = await apiKeyFor(t, owner, 'acme', ['packs:read']);
    otherOrgKey = await apiKeyFor(t, bearer(await t.clerk!.session('user_evil')), 'evil', ['rooms:write']);
    acmeId = (await t.services.prisma.org.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
    const a = interviewTimelines();
    const b = interviewTimelines();
    collab = await fakeCollab({ [ROOM]: { room: encodeTimeline(a.room), notes: encodeTimeline(a.notes) }, [OTHER_ROOM]: { room: encodeTimeline(b.room), notes: { updates: [], snapshots: [] } } });
    service = createReportService({
      prisma: t.services.prisma,
      links: createShareLinkSigner('share-link-secret-for-tests-0123456789'),
      collab: createCollabClient({ url: collab.url, secret: SECRET }),
      rooms: {
        room: async (id) => (id === ROOM || id === OTHER_ROOM ? { id, orgId: acmeId, problem: { id: 'two-sum', title: 'Two Sum', expected: { time: 'O(n)' } }, mode: 'interview', candidate: { id: CANDIDATE.id, name: id === ROOM ? CANDIDATE.name : 'Barbara Liskov' }, starterCode: 'def two_sum(nums, target):\n    pass\n' } : null),
      },
    });
    attachReportService(t.services, service);
    await service.buildRoomReport(OTHER_ROOM);
    report = await service.buildRoomReport(ROOM);
  });
  afterAll(async () => {
    await t?.close();
    collab?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('buildRoomReport reads the room and its notes from the collaboration service and stores the report', async () => {
    expect(collab.requests).toContain(`/v1/rooms/${ROOM}/timeline`);
    expect(collab.requests).toContain(`/v1/rooms/${ROOM}/timeline?document=notes`);
    const row = await t.services.prisma.report.findUniqueOrThrow({ where: { roomId: ROOM } });
    expect(row).toMatchObject({ orgId: acmeId, problem: 'two-sum', candidate: CANDIDATE.name, outcome: 'accepted', version: 1 });
    expect((row.metrics as { runs: number }).runs).toBe(3);
    expect(report.notes).toBe(NOTES);
    // The other room's candidate wrote the same code: similarity finds it, starter code excluded.
    expect(report.similarity[0]).toMatchObject({ id: OTHER_ROOM, label: `Barbara Liskov (room ${OTHER_ROOM})` });
    expect(report.similarity[0]!.score).toBeGreaterThan(0.9);
    // Rebuilding replaces the row.
    await service.buildRoomReport(ROOM);
    expect(await t.services.prisma.report.count({ where: { roomId: ROOM } })).toBe(1);
  });

  test('a wrong collaboration secret or an unknown room fails with a clear error', async () => {
    const bad = createReportService({ prisma: t.services.prisma, links: service.links, collab: createCollabClient({ url: collab.url, secret: 'wrong-secret-0123456789abcdef' }), rooms: { room: async (id) => ({ id, orgId: acmeId, problem: { id: 'p' } }) } });
    await expect(bad.buildRoomReport(ROOM)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/refused COLLAB_SECRET/) });
    await expect(service.buildRoomReport('room_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unwired = createReportService({ prisma: t.services.prisma, links: service.links, collab: null, rooms: null });
    await expect(unwired.buildRoomReport(ROOM)).rejects.toThrow(/COLLAB_URL/);
  });

  describe('reports.get', () => {
    test('an API key of the org with rooms:write, a member, and the interviewer get it with the notes', async () => {
      for (const auth of [key, owner, await token('interviewer')]) {
        const got = await t.caller(auth).reports.get({ roomId: ROOM });
        expect(got.notes).toBe(NOTES);
        expect(got.metrics.runs).toBe(3);
      }
    });

    test('an observer given "report" gets it without the notes', async () => {
      const got = await t.caller(await token('observer', { permissions: ['view', 'report'] })).reports.get({ roomId: ROOM });
      expect(got.notes).toBeUndefined();
      expect(JSON.stringify(got)).not.toContain('Ask about the pasted helper');
      expect(got.finalCode).toBe(report.finalCode);
    });

    test('candidates are refused, even with a token that claims "report"', async () => {
      await expect(t.caller(await token('candidate')).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /candidates cannot/ });
      await expect(t.caller(await token('candidate', { permissions: ['view', 'report'] })).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /candidates cannot/ });
    });

    test('a token for another room, or without "report", is refused (before revealing whether a report exists)', async () => {
      await expect(t.caller(await token('interviewer', { room: OTHER_ROOM })).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /for room room_rep_2/ });
      await expect(t.caller(await token('observer')).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /"report" permission/ });
      await expect(t.caller(await token('interviewer', { room: 'room_none' })).reports.get({ roomId: 'room_none2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    test('another org’s key, a key without rooms:write, a non-member, and no credentials are refused', async () => {
      await expect(t.caller(otherOrgKey).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /another org/ });
      await expect(t.caller(keyWithoutRooms).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /rooms:write/ });
      await expect(t.caller(stranger).reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /not a member/ });
      await expect(t.caller().reports.get({ roomId: ROOM })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(t.caller(key).reports.get({ roomId: 'room_none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(t.caller(key).reports.get({ roomId: '../etc' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  describe('share links', () => {
    const fetchPdf = (url: string) => fetch(url.replace('http://market.test', t.url));

    test('a link serves the PDF without credentials; the notes only when asked for by someone who can read them', async () => {
      const { url, expiresAt } = await t.caller(key).reports.shareLink({ roomId: ROOM, ttlSeconds: 3600 });
      expect(url).toMatch(/^http:\/\/market\.test\/reports\/room_rep_1\/pdf\?exp=\d+&notes=0&sig=[\w-]+$/);
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3500_000);
      const response = await fetchPdf(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const file = join(dir, 'shared.pdf');
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const text = (await run('pdftotext', [file, '-'])).stdout;
      expect(text).toContain('Ada Lovelace');
      expect(text).not.toContain("Interviewers' notes");

      const withNotes = await t.caller(await token('interviewer')).reports.shareLink({ roomId: ROOM, includeNotes: true });
      await writeFile(file, Buffer.from(await (await fetchPdf(withNotes.url)).arrayBuffer()));
      expect((await run('pdftotext', [file, '-'])).stdout).toContain('Ask about the pasted helper');
    });

    test('candidates cannot make links; observers cannot share notes they cannot read', async () => {
      await expect(t.caller(await token('candidate', { permissions: ['view', 'report'] })).reports.shareLink({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(t.caller(await token('observer', { permissions: ['view', 'report'] })).reports.shareLink({ roomId: ROOM, includeNotes: true })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /notes/ });
      await expect(t.caller(otherOrgKey).reports.shareLink({ roomId: ROOM })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    test('altered links are 403 LINK_INVALID: the signature, the expiry, the notes flag, the room, missing parts', async () => {
      const { url } = await t.caller(key).reports.shareLink({ roomId: ROOM });
      const u = new URL(url);
      const sig = u.searchParams.get('sig')!;
      const exp = Number(u.searchParams.get('exp'));
      const variants = [
        url.replace(`sig=${sig}`, `sig=${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`),
        url.replace(`exp=${exp}`, `exp=${exp + 86_400}`),
        url.replace('notes=0', 'notes=1'),
        url.replace(`/reports/${ROOM}/`, `/reports/${OTHER_ROOM}/`),
        url.replace(/&sig=.*$/, ''),
      ];
      for (const variant of variants) {
        const response = await fetchPdf(variant);
        expect(response.status, variant).toBe(403);
        expect(await response.json()).toMatchObject({ code: 'LINK_INVALID' });
      }
    });

    test('an expired link is 410 LINK_EXPIRED', async () => {
      const { path } = service.links.create(ROOM, { ttlSeconds: 60, now: Date.now() - 120_000 });
      const response = await fetch(`${t.url}${path}`);
      expect(response.status).toBe(410);
      expect(await response.json()).toMatchObject({ code: 'LINK_EXPIRED', message: expect.stringMatching(/expired at .* ask for a new one/) });
    });
  });
});
