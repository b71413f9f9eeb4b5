import type { RoomView } from '@duet/sdk/api';
import { problemView } from '../packs/views.js';
import type { Services } from '../services.js';
import type { RoomWithOrg } from './room-access.js';
import { roomView } from './room-view.js';

/** The RoomView of a stored room (its problem's public view read from the version it pins). */
export async function viewOfRoom(services: Services, room: RoomWithOrg): Promise<RoomView> {
  const problem = await services.prisma.problem.findUniqueOrThrow({ where: { id: room.problemId } });
  return roomView(room, room.org.slug, problemView(problem), services.config.collab?.url);
}
