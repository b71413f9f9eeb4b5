import type { RoomView } from '@duet/sdk/api';
import type { Services } from '../services.js';
import { findRoom, type RoomWithOrg } from './room-access.js';
import { reportSummaryOnEnd } from './room-reports.js';
import { viewOfRoom } from './room-views.js';

/**
 * Ends an open room once (a second end finds it ended and changes nothing): stores the end, then
 * tells the room's document (meta.state = ended, an `ended` event), builds and stores its report,
 * and tells the org's webhooks (`room.ended`, with the report's summary) and the room-ended hooks.
 */
export async function endRoom(services: Services, room: RoomWithOrg, by: string): Promise<RoomView> {
  const now = new Date();
  const moved = await services.prisma.room.updateMany({ where: { id: room.id, state: 'OPEN' }, data: { state: 'ENDED', endedAt: now, endedBy: by } });
  const view = await viewOfRoom(services, await findRoom(services.prisma, room.id));
  if (moved.count === 0) return view;
  void services.collab.post(room.id, { meta: { state: 'ended' }, events: [{ type: 'ended', at: now.toISOString(), by }] });
  // The report first, so that the webhook carries its summary (metrics, outcome, signal counts).
  const report = services.config.collab ? await reportSummaryOnEnd(services, room.id) : undefined;
  await services.webhooks.emitter.emit(room.orgId, 'room.ended', { room: view, by, ...(report ? { report } : {}) });
  for (const hook of services.roomEndedHooks) {
    try {
      await hook.onRoomEnded(view);
    } catch (error) {
      services.log.error({ err: error }, `a room-ended hook failed for room ${room.id}`);
    }
  }
  return view;
}

/** Ends the timed rooms whose time is up (called periodically). */
export async function endExpiredRooms(services: Services): Promise<number> {
  const due = await services.prisma.room.findMany({ where: { state: 'OPEN', endsAt: { lte: new Date() } }, select: { id: true }, take: 100 });
  for (const { id } of due) await endRoom(services, await findRoom(services.prisma, id), 'timer');
  return due.length;
}
