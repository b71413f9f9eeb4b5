/**
 * Reports for rooms: the RoomLookup the report service reads rooms through (the stored room, its
 * problem's public view, the final submission's complexity analysis), and the room-ended step that
 * builds and stores the report before the `room.ended` webhook carries its summary.
 */
import { summarizeReport, type ReportComplexityAxis, type ReportSummary } from '@duet/sdk/metrics';
import type { ComplexityReport } from '@duet/sdk/run';
import { problemView } from '../packs/views.js';
import { reportServiceOf } from '../reports/registry.js';
import type { RoomInfo, RoomLookup } from '../reports/report-service.js';
import type { Services } from '../services.js';

/** How long ending a room waits for its report before the webhook goes without a summary. */
const REPORT_WAIT_MS = 15_000;

export function roomLookup(services: Services): RoomLookup {
  return {
    async room(roomId) {
      const room = await services.prisma.room.findUnique({ where: { id: roomId } });
      if (!room) return null;
      const problem = await services.prisma.problem.findUniqueOrThrow({ where: { id: room.problemId } });
      const view = problemView(problem);
      const expected = {
        ...(view.complexity?.expectedTime ? { time: view.complexity.expectedTime } : {}),
        ...(view.complexity?.expectedSpace ? { space: view.complexity.expectedSpace } : {}),
      };
      const starterCode = view.starter.python;
      const finalSubmit = await services.prisma.run.findFirst({ where: { roomId, kind: 'submit', state: 'DONE' }, orderBy: { createdAt: 'desc' }, select: { result: true } });
      const complexity = reportComplexity((finalSubmit?.result as { complexity?: ComplexityReport } | null)?.complexity);
      const info: RoomInfo = {
        id: room.id,
        orgId: room.orgId,
        problem: { id: room.problemSlug, title: view.title, ...(Object.keys(expected).length ? { expected } : {}) },
        pack: room.packRef,
        mode: room.mode.toLowerCase(),
        createdAt: room.createdAt.toISOString(),
        ...(room.endedAt ? { endedAt: room.endedAt.toISOString() } : {}),
        ...(starterCode ? { starterCode } : {}),
        ...(complexity ? { complexity } : {}),
      };
      return info;
    },
  };
}

/** The judge's complexity analysis as the report draws it (measured points and the fitted curve). */
function reportComplexity(analysis: ComplexityReport | undefined): RoomInfo['complexity'] {
  if (!analysis?.time || !analysis.space) return undefined;
  const axis = (a: ComplexityReport['time'] | ComplexityReport['space'], points: Array<{ n: number; value: number }>): ReportComplexityAxis => ({
    class: a.class,
    confidence: a.confidence,
    curve: a.curve,
    points,
  });
  return {
    time: axis(analysis.time, analysis.time.points.map((p) => ({ n: p.n, value: p.seconds }))),
    space: axis(analysis.space, analysis.space.points.map((p) => ({ n: p.n, value: p.bytes }))),
  };
}

/**
 * Builds and stores the room's report (bounded wait): its summary for the `room.ended` webhook, or
 * undefined when it could not be built (the collaboration service unset or down): the room stays
 * ended either way and `reports.get` can build it later.
 */
export async function reportSummaryOnEnd(services: Services, roomId: string): Promise<ReportSummary | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const service = await reportServiceOf(services);
    const report = await Promise.race([
      service.buildRoomReport(roomId),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not built within ${REPORT_WAIT_MS} ms`)), REPORT_WAIT_MS))),
    ]);
    return summarizeReport(report);
  } catch (error) {
    services.log.warn(`room ${roomId}: no report at its end: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
