/**
 * Persistence and the timeline, in one concern: every change to a room document is appended to the
 * timeline store with its author and time, a participant's change before the service acknowledges
 * it (Hocuspocus answers an update only after this hook: an acknowledged change survives a crash);
 * the document is loaded from its latest snapshot plus the changes after it, and snapshotted every
 * SNAPSHOT_EVERY changes or SNAPSHOT_AFTER_MS of activity, and when it is unloaded.
 */
import type { Extension, beforeHandleMessagePayload, onChangePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { type CollabContext, SERVICE_AUTHOR, isServiceOrigin } from '../participant.js';
import type { TimelineStore } from '../store/timeline-store.js';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Yjs's encoding of an update that changes nothing. */
const EMPTY_UPDATE_LENGTH = 2;
const SNAPSHOT_EVERY = 200;
const SNAPSHOT_AFTER_MS = 30_000;
const LOAD_ORIGIN = Symbol('duet-collab-load');

export class Timeline implements Extension {
  extensionName = 'timeline';
  private readonly activity = new Map<string, { changes: number; since: number }>();

  constructor(private readonly store: TimelineStore) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload<CollabContext>): Promise<void> {
    const stored = await this.store.load(documentName);
    if (stored) Y.applyUpdate(document, stored.state, LOAD_ORIGIN);
  }

  async beforeHandleMessage({ update: message, connection, context, document, documentName }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    const change = documentChangeOf(message);
    if (!change || change.length <= EMPTY_UPDATE_LENGTH || connection.readOnly || !context.participant) return;
    // A change the document already holds (a client re-sending after a reconnect) is no new event.
    if (Y.snapshotContainsUpdate(Y.snapshot(document), change)) return;
    await this.store.append({ document: documentName, author: context.participant.id, role: context.participant.role, update: change });
    this.count(documentName);
  }

  /** The service's own changes (joins, leaves, posted events) are recorded as they happen. */
  async onChange({ transactionOrigin, update, documentName }: onChangePayload<CollabContext>): Promise<void> {
    if (!isServiceOrigin(transactionOrigin)) return;
    await this.store.append({ document: documentName, author: SERVICE_AUTHOR.id, role: SERVICE_AUTHOR.role, update });
    this.count(documentName);
  }

  async onStoreDocument({ document, documentName, clientsCount }: onStoreDocumentPayload<CollabContext>): Promise<void> {
    const activity = this.activity.get(documentName);
    const due = clientsCount === 0 || (activity && (activity.changes >= SNAPSHOT_EVERY || Date.now() - activity.since >= SNAPSHOT_AFTER_MS));
    if (!due) return;
    await this.store.snapshot(documentName, document);
    if (clientsCount === 0) this.activity.delete(documentName);
    else this.activity.set(documentName, { changes: 0, since: Date.now() });
  }

  private count(documentName: string): void {
    const activity = this.activity.get(documentName) ?? { changes: 0, since: Date.now() };
    activity.changes++;
    this.activity.set(documentName, activity);
  }
}

/** The Yjs update carried by a raw sync message (an update, or the step-2 answer), if any. */
function documentChangeOf(message: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder); // the document's address
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined;
    const kind = decoding.readVarUint(decoder);
    if (kind !== SYNC_STEP_2 && kind !== SYNC_UPDATE) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined; // malformed: Hocuspocus itself refuses it
  }
}
