/**
 * What a participant may publish as presence (awareness; docs/room-protocol.md §3): states of its
 * own client only, with `user` as its room token says. y-protocols lets any connection set or clear
 * any client's state, and a client names itself: without these rules a candidate could put the
 * interviewer's name and role on a cursor, or clear another participant's presence.
 *
 * A client id belongs to the connection that first published it; another connection of the same
 * person (a reconnect the server has not noticed closing yet) may take it over. `user.id`, `name`
 * and `role` are the token's; the client's other fields (colour, selection) are kept.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Participant } from './participant.js';

/** Who holds a client id in the document: this connection, another connection of the same person, someone else, or nobody yet. */
export type ClientOwner = 'this-connection' | 'same-person' | 'someone-else' | 'nobody';

export interface PresenceRefusal {
  clientId: number;
  reason: 'foreign-client';
}

/**
 * The awareness update a participant may apply: entries for foreign clients dropped, `user`
 * overwritten with the token's identity. Undefined when nothing is left; `refused` lists what went.
 */
export function presenceUpdateFor(update: Uint8Array, participant: Participant, ownerOf: (clientId: number) => ClientOwner, refused: PresenceRefusal[] = []): Uint8Array | undefined {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (ownerOf(clientId) === 'someone-else') {
      refused.push({ clientId, reason: 'foreign-client' });
      continue;
    }
    kept.push({ clientId, clock, state: withTokenIdentity(state, participant) });
  }
  if (kept.length === 0) return undefined;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/** A state's JSON with `user` set from the token (a cleared state, `null`, stays as it is). */
function withTokenIdentity(state: string, participant: Participant): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return 'null'; // not JSON: y-protocols would throw on it; treated as a cleared state
  }
  if (parsed === null) return state;
  const fields = typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const sent = typeof fields.user === 'object' && fields.user !== null && !Array.isArray(fields.user) ? (fields.user as Record<string, unknown>) : {};
  return JSON.stringify({ ...fields, user: { ...sent, id: participant.id, name: participant.name, role: participant.role } });
}
