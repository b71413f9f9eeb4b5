/**
 * What a participant may change in a room document (docs/room-protocol.md §2, §7): the code, and
 * `events` by appending proctoring events in their own name. `meta` is the service's alone, and no
 * event is ever deleted or rewritten, so the history a report is built from cannot be edited by the
 * people it is about.
 *
 * Each incoming update is inspected before Hocuspocus applies it, without applying it anywhere: its
 * structs (Y.decodeUpdate) are resolved to the root type they belong to (directly, or through the
 * neighbour they were inserted next to, in the update or in the server's document), and its delete
 * set is checked against the items the server holds. A violating update is refused as a read-only
 * connection's is: the connection is read-only for that one message, so Hocuspocus answers
 * SyncStatus 0 and neither applies nor stores it (the timeline skips read-only messages).
 */
import type { Extension, afterHandleMessagePayload, beforeHandleMessagePayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { CollabContext } from '../participant.js';
import { EVENTS_ARRAY, META_MAP } from '../room-events.js';
import { parseRoomDocumentName } from '../room-documents.js';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The event types a participant's client appends (§7); the others are the service's and the marketplace's. */
export const PARTICIPANT_EVENT_TYPES: ReadonlySet<string> = new Set(['paste', 'focus', 'bulk-insert', 'typing']);

export interface IntegrityViolation {
  reason: 'meta' | 'event-deleted' | 'event-not-appended' | 'event-forged' | 'nested-event' | 'unknown-deletion' | 'unresolved';
  detail: string;
}

export interface RoomIntegrityOptions {
  /** Called for every refused update (logs, metrics, tests). */
  onRefused?(refusal: { documentName: string; user: string; violation: IntegrityViolation }): void;
}

export class RoomIntegrity implements Extension {
  extensionName = 'room-integrity';
  /** Connections made read-only for the message being handled. */
  private readonly refusing = new WeakSet<object>();

  constructor(private readonly options: RoomIntegrityOptions = {}) {}

  async beforeHandleMessage({ update: message, connection, context, document, documentName }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    if (connection.readOnly || !context.participant || parseRoomDocumentName(documentName)?.kind !== 'room') return;
    const change = documentChangeOf(message);
    if (!change) return;
    let violation: IntegrityViolation | undefined;
    try {
      violation = checkRoomUpdate(document, change, context.participant.id);
    } catch (error) {
      violation = { reason: 'unresolved', detail: `the update could not be inspected: ${(error as Error).message}` };
    }
    if (!violation) return;
    connection.readOnly = true;
    this.refusing.add(connection);
    this.options.onRefused?.({ documentName, user: context.participant.id, violation });
  }

  async afterHandleMessage({ connection }: afterHandleMessagePayload<CollabContext>): Promise<void> {
    if (!this.refusing.delete(connection)) return;
    connection.readOnly = false;
  }
}

type Scope = { root: string; direct: boolean } | undefined;

/** The first rule the update breaks for participant `user`, or undefined when it may be applied. */
export function checkRoomUpdate(doc: Y.Doc, update: Uint8Array, user: string): IntegrityViolation | undefined {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return undefined; // not decodable: Yjs refuses it when applying (and the connection is closed)
  }
  const rootNames = new Map<unknown, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);
  const incoming = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    let list = incoming.get(struct.id.client);
    if (!list) incoming.set(struct.id.client, (list = []));
    list.push(struct);
  }
  const findIncoming = (id: Y.ID): Y.Item | undefined => incoming.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const findStored = (id: Y.ID): Y.Item | Y.GC | undefined => {
    const structs = doc.store.clients.get(id.client);
    const last = structs?.[structs.length - 1];
    if (!structs || !last || last.id.clock + last.length <= id.clock) return undefined;
    return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
  };

  /** Where a stored item lives: its root type, and whether it is that type's direct child. */
  const storedScope = (item: Y.Item): Scope => {
    let parent = item.parent as Y.AbstractType<unknown> | null;
    let direct = true;
    for (let depth = 0; parent && depth < 100; depth++) {
      if (!parent._item) {
        const root = rootNames.get(parent);
        return root === undefined ? undefined : { root, direct };
      }
      direct = false;
      parent = parent._item.parent as Y.AbstractType<unknown> | null;
    }
    return undefined;
  };
  const scopes = new Map<Y.Item, Scope>();
  const incomingScope = (item: Y.Item, depth = 0): Scope => {
    if (scopes.has(item)) return scopes.get(item);
    let scope: Scope;
    if (depth > 10_000) scope = undefined;
    else if (typeof item.parent === 'string') scope = { root: item.parent, direct: true };
    else if (item.parent && 'client' in (item.parent as object)) {
      // A child of a nested type: wherever that type lives, this is not its direct child.
      const outer = scopeOfId(item.parent as unknown as Y.ID, depth + 1);
      scope = outer && { root: outer.root, direct: false };
    } else {
      const neighbour = item.origin ?? item.rightOrigin;
      scope = neighbour ? scopeOfId(neighbour, depth + 1) : undefined;
    }
    scopes.set(item, scope);
    return scope;
  };
  const scopeOfId = (id: Y.ID, depth: number): Scope => {
    const stored = findStored(id);
    if (stored instanceof Y.Item) return storedScope(stored);
    if (stored) return undefined; // garbage-collected: its parent is unknown
    const other = findIncoming(id);
    return other ? incomingScope(other, depth) : undefined;
  };

  // Deletions first: an event edited in place is a deletion (and an insertion where it was).
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const id = Y.createID(client, at);
        const stored = findStored(id);
        let next: number;
        if (stored) {
          next = stored.id.clock + stored.length;
          if (stored instanceof Y.Item && !stored.deleted) {
            const scope = storedScope(stored);
            if (scope?.root === META_MAP) return { reason: 'meta', detail: 'meta is set by the service only' };
            if (scope?.root === EVENTS_ARRAY) return { reason: 'event-deleted', detail: 'events are never deleted nor rewritten' };
          }
        } else {
          const other = findIncoming(id);
          if (!other) return { reason: 'unknown-deletion', detail: `a deletion of ${client}:${at}, which the server does not hold` };
          next = other.id.clock + other.length;
          const scope = incomingScope(other);
          if (scope?.root === META_MAP) return { reason: 'meta', detail: 'meta is set by the service only' };
          if (scope?.root === EVENTS_ARRAY) return { reason: 'event-deleted', detail: 'events are never deleted nor rewritten' };
        }
        at = Math.max(next, at + 1);
      }
    }
  }
  const held = (client: number) => {
    const structs = doc.store.clients.get(client);
    const last = structs?.[structs.length - 1];
    return last ? last.id.clock + last.length : 0;
  };
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already in the document (a client re-sending what it has): Yjs skips it when applying.
    if (held(struct.id.client) >= struct.id.clock + struct.length) continue;
    const scope = incomingScope(struct);
    if (!scope) return { reason: 'unresolved', detail: `a change (${struct.id.client}:${struct.id.clock}) whose place in the document the server cannot tell` };
    if (scope.root === META_MAP) return { reason: 'meta', detail: 'meta is set by the service only' };
    if (scope.root !== EVENTS_ARRAY) continue;
    if (!scope.direct) return { reason: 'nested-event', detail: 'events are plain JSON objects: nothing may be changed inside one' };
    if (struct.rightOrigin !== null) return { reason: 'event-not-appended', detail: 'events may only be appended at the end' };
    if (!(struct.content instanceof Y.ContentAny)) return { reason: 'event-forged', detail: 'an event must be a JSON object' };
    for (const value of struct.content.arr) {
      const event = value as { type?: unknown; user?: unknown; at?: unknown } | null;
      if (!event || typeof event !== 'object' || Array.isArray(event) || typeof event.at !== 'string') return { reason: 'event-forged', detail: 'an event must be a JSON object with an `at`' };
      if (typeof event.type !== 'string' || !PARTICIPANT_EVENT_TYPES.has(event.type)) return { reason: 'event-forged', detail: `participants append only ${[...PARTICIPANT_EVENT_TYPES].join(', ')} events, not ${JSON.stringify(event.type)}` };
      if (event.user !== user) return { reason: 'event-forged', detail: `an event appended by ${user} must name them as its user` };
    }
  }

  return undefined;
}

/** The Yjs update carried by a raw sync message (an update, or the step-2 answer), if any. */
function documentChangeOf(message: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined;
    const kind = decoding.readVarUint(decoder);
    if (kind !== SYNC_STEP_2 && kind !== SYNC_UPDATE) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined;
  }
}
