import type { ProblemPublicView, RoomMode, RoomView } from '@duet/sdk/api';
import type { Room } from '../generated/prisma/client.js';

export const roomDocument = (roomId: string): string => `room:${roomId}`;

export function roomMode(mode: Room['mode']): RoomMode {
  return mode.toLowerCase() as RoomMode;
}

/** The room as callers see it, with the problem's public view (built at publish from public parts only). */
export function roomView(room: Room, orgSlug: string, problem: ProblemPublicView, collabUrl: string | undefined): RoomView {
  const starter = problem.starter.python;
  const complexity = problem.complexity
    ? {
        ...(problem.complexity.expectedTime ? { time: problem.complexity.expectedTime } : {}),
        ...(problem.complexity.expectedSpace ? { space: problem.complexity.expectedSpace } : {}),
      }
    : undefined;
  return {
    id: room.id,
    org: orgSlug,
    pack: room.packRef,
    problem: room.problemSlug,
    mode: roomMode(room.mode),
    state: room.state === 'ENDED' ? 'ended' : 'open',
    createdAt: room.createdAt.toISOString(),
    ...(room.startedAt ? { startedAt: room.startedAt.toISOString() } : {}),
    ...(room.endsAt ? { endsAt: room.endsAt.toISOString() } : {}),
    ...(room.endedAt ? { endedAt: room.endedAt.toISOString() } : {}),
    ...(room.durationSeconds !== null ? { durationSeconds: room.durationSeconds } : {}),
    statement: {
      title: problem.title,
      markdown: problem.statement,
      samples: problem.samples.map((s) => ({ name: s.name, input: s.input, output: s.answer })),
      limits: { timeSeconds: problem.limits.timeMs / 1000, memoryMb: problem.limits.memoryMb },
      ...(starter !== undefined ? { starterCode: starter } : {}),
      ...(complexity && Object.keys(complexity).length ? { complexity } : {}),
    },
    // The collaboration service's WebSocket: its API's URL with ws(s) for http(s).
    collab: { ...(collabUrl ? { url: collabUrl.replace(/^http/, 'ws') } : {}), document: roomDocument(room.id) },
  };
}
