/**
 * Builds, stores and serves room reports. `buildRoomReport(roomId)` reads the room's history
 * (and its notes) from the collaboration service, computes the report with `@duet/sdk/metrics`,
 * compares the final code with the org's other submissions to the same problem, and stores it
 * (one row per room, rebuilt in place). The room itself comes from a `RoomLookup`, which the rooms
 * module provides (this module knows no Room table).
 */
import { buildReport, similarTo, type ReportInput, type RoomReport } from '@duet/sdk/metrics';
import { DuetError } from '@duet/sdk/run';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CollabClient } from './collab-client.js';
import { renderReportPdf } from './render-pdf.js';
import type { ShareLinkSigner } from './share-link.js';

export interface RoomInfo {
  id: string;
  orgId: string;
  problem: ReportInput['problem'];
  pack?: string;
  mode?: string;
  candidate?: { id?: string; name: string };
  createdAt?: string;
  endedAt?: string;
  /** Excluded from similarity. */
  starterCode?: string;
  /** The final submission's complexity analysis, when the judge made one. */
  complexity?: ReportInput['complexity'];
}

export interface RoomLookup {
  room(roomId: string): Promise<RoomInfo | null>;
}

export interface StoredReport {
  roomId: string;
  orgId: string;
  report: RoomReport;
  updatedAt: Date;
}

export interface ReportService {
  readonly links: ShareLinkSigner;
  buildRoomReport(roomId: string): Promise<RoomReport>;
  stored(roomId: string): Promise<StoredReport | null>;
  renderPdf(report: RoomReport): Promise<Buffer>;
}

export interface ReportServiceOptions {
  prisma: PrismaClient;
  links: ShareLinkSigner;
  /** null: reports can be served but not built (COLLAB_URL unset). */
  collab: CollabClient | null;
  /** null: the rooms module has not wired its rooms in yet. */
  rooms: RoomLookup | null;
  /** Other submissions compared for similarity (the most recent). */
  similarityPool?: number;
}

export function createReportService(options: ReportServiceOptions): ReportService {
  const { prisma } = options;
  return {
    links: options.links,
    renderPdf: renderReportPdf,

    async buildRoomReport(roomId) {
      if (!options.collab) throw new DuetError('INTERNAL', 'reports cannot be built: COLLAB_URL and COLLAB_SECRET are not configured');
      if (!options.rooms) throw new DuetError('INTERNAL', 'reports cannot be built: no room lookup is wired in');
      const room = await options.rooms.room(roomId);
      if (!room) throw new DuetError('NOT_FOUND', `no room ${roomId}`);
      const [timeline, notes] = await Promise.all([options.collab.timeline(roomId, 'room'), options.collab.timeline(roomId, 'notes')]);
      const report = buildReport({
        room: { id: room.id, org: room.orgId, ...(room.mode ? { mode: room.mode } : {}), ...(room.pack ? { pack: room.pack } : {}), ...(room.createdAt ? { createdAt: room.createdAt } : {}), ...(room.endedAt ? { endedAt: room.endedAt } : {}) },
        problem: room.problem,
        ...(room.candidate ? { candidate: room.candidate } : {}),
        timeline,
        ...(notes.updates.length ? { notes } : {}),
        ...(room.complexity ? { complexity: room.complexity } : {}),
      });
      if (!report.candidate) {
        // Rooms do not list their participants: the candidate is whoever joined with that role.
        const joined = report.participants.find((p) => p.role === 'candidate');
        if (joined) report.candidate = { id: joined.id, name: joined.name ?? joined.id };
      }
      report.similarity = await similarity(prisma, room, report.finalCode, options.similarityPool ?? 200);
      const row = {
        orgId: room.orgId,
        problem: room.problem.id,
        candidate: report.candidate?.name ?? null,
        outcome: report.outcome.status,
        metrics: report.metrics as unknown as Prisma.InputJsonValue,
        model: report as unknown as Prisma.InputJsonValue,
        version: report.version,
      };
      await prisma.report.upsert({ where: { roomId }, create: { roomId, ...row }, update: row });
      return report;
    },

    async stored(roomId) {
      const row = await prisma.report.findUnique({ where: { roomId } });
      return row ? { roomId: row.roomId, orgId: row.orgId, report: row.model as unknown as RoomReport, updatedAt: row.updatedAt } : null;
    },
  };
}

/** The org's other reports for the same problem, by the similarity of their final code to this one. */
async function similarity(prisma: PrismaClient, room: RoomInfo, code: string, pool: number): Promise<RoomReport['similarity']> {
  if (!code.trim()) return [];
  const others = await prisma.report.findMany({
    where: { orgId: room.orgId, problem: room.problem.id, roomId: { not: room.id } },
    orderBy: { createdAt: 'desc' },
    take: pool,
    select: { roomId: true, candidate: true, model: true },
  });
  const submissions = others
    .map((o) => ({ id: o.roomId, code: (o.model as { finalCode?: unknown }).finalCode, label: o.candidate ? `${o.candidate} (room ${o.roomId})` : `room ${o.roomId}` }))
    .filter((s): s is { id: string; code: string; label: string } => typeof s.code === 'string' && s.code.trim().length > 0);
  if (!submissions.length) return [];
  return similarTo({ id: room.id, code }, submissions, { ...(room.starterCode ? { starter: room.starterCode } : {}), minScore: 0.2, top: 5 });
}
