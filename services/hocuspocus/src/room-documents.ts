/**
 * Room documents. Each room has two Yjs documents on the collaboration service:
 * - `room:<roomId>` — the shared state: `Y.Text('code')`, `Y.Map('meta')`, `Y.Array('events')`;
 * - `room:<roomId>:notes` — the interviewers' private notes: `Y.Text('notes')`.
 * See docs/room-protocol.md for the layout and event shapes.
 */
export type RoomDocumentKind = 'room' | 'notes';

export interface RoomDocumentName {
  room: string;
  kind: RoomDocumentKind;
}

const ROOM_ID = /^[A-Za-z0-9_-]{1,100}$/;
const NAME = /^room:([A-Za-z0-9_-]{1,100})(:notes)?$/;

export function roomDocumentName(room: string, kind: RoomDocumentKind = 'room'): string {
  if (!ROOM_ID.test(room)) throw new Error(`not a room id: ${JSON.stringify(room)}`);
  return kind === 'notes' ? `room:${room}:notes` : `room:${room}`;
}

/** The room and kind a document name stands for, or undefined for a name that is no room document. */
export function parseRoomDocumentName(name: string): RoomDocumentName | undefined {
  const match = NAME.exec(name);
  if (!match?.[1]) return undefined;
  return { room: match[1], kind: match[2] ? 'notes' : 'room' };
}
