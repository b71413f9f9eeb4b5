import type { ProblemPublicView, RoomView } from '@duet/sdk/api';
import type { Services } from '../services.js';
import type { RoomWithOrg } from './room-access.js';
import { roomView } from './room-view.js';

/** The RoomView of a stored room (its problem's public view read from the version it pins). */
export async function viewOfRoom(services: Services, room: RoomWithOrg): Promise<RoomView> {
  const problem = await services.prisma.problem.findUniqueOrThrow({ where: { id: room.problemId }, select: { publicView: true } });
  return roomView(room, room.org.slug, problem.publicView as unknown as ProblemPublicView, services.config.collab?.url);
}
