/**
 * Who may read a room's report (issue 10): an API key of the room's org with `rooms:write`, a
 * member of that org, or a room token for that room carrying `report` that is not a candidate's.
 * Candidates are refused whatever their token says. The interviewers' notes go to interviewers,
 * org members and API keys; an observer with `report` gets the report without them.
 */
import type { RoomTokenClaims } from '@duet/sdk/room';
import { DuetError } from '@duet/sdk/run';
import type { Identity } from '../auth/identity.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ReportAccess {
  notes: boolean;
}

/** The room-token rules, which need no stored report: checked before looking it up. */
export function requireRoomTokenAccess(claims: RoomTokenClaims, roomId: string, action = 'read this report'): ReportAccess {
  if (claims.room !== roomId) throw new DuetError('FORBIDDEN', `this room token is for room ${claims.room}, not ${roomId}`);
  if (claims.role === 'candidate') throw new DuetError('FORBIDDEN', `candidates cannot ${action}`);
  if (!claims.perms.includes('report')) throw new DuetError('FORBIDDEN', `this room token lacks the "report" permission needed to ${action}`);
  return { notes: claims.role === 'interviewer' };
}

export async function requireReportAccess(prisma: PrismaClient, identity: Identity, report: { roomId: string; orgId: string }, action = 'read this report'): Promise<ReportAccess> {
  switch (identity.kind) {
    case 'room':
      return requireRoomTokenAccess(identity.claims, report.roomId, action);
    case 'apiKey':
      if (identity.orgId !== report.orgId) throw new DuetError('FORBIDDEN', 'this API key belongs to another org than the room');
      if (!identity.scopes.includes('rooms:write')) throw new DuetError('FORBIDDEN', `this API key lacks the "rooms:write" scope needed to ${action}`);
      return { notes: true };
    case 'user': {
      const member = await prisma.member.findUnique({ where: { orgId_userId: { orgId: report.orgId, userId: identity.userId } } });
      if (!member) throw new DuetError('FORBIDDEN', `you are not a member of the org that owns room ${report.roomId}`);
      return { notes: true };
    }
  }
}
