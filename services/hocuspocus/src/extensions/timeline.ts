/**
 * Persistence and the timeline, in one concern: every change to a room document is appended to the
 * timeline store with its author and time, a participant's change before the service acknowledges
 * it (Hocuspocus answers an update only after this hook: an acknowledged change survives a crash);
 * the document is loaded from its latest snapshot plus the changes after it, and snapshotted after
 * about SNAPSHOT_EVERY changes or SNAPSHOT_BYTES of them, and when it is unloaded.
 *
 * Snapshots are off the hot path: a due snapshot is queued and the queue takes them one at a time
 * (one database connection at most, however many rooms are due at once); each document's threshold
 * is drawn between half and one and a half SNAPSHOT_EVERY, so rooms that started together do not
 * all snapshot together. A snapshot is an optimisation (every change is in the timeline already):
 * one that fails is logged and retried at the next due point.
 */
import type { Extension, beforeHandleMessagePayload, onChangePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { type CollabContext, type Participant, SERVICE_AUTHOR, isServiceOrigin } from '../participant.js';
import type { TimelineStore } from '../store/timeline-store.js';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Yjs's encoding of an update that changes nothing. */
const EMPTY_UPDATE_LENGTH = 2;
const SNAPSHOT_EVERY = 200;
const SNAPSHOT_BYTES = 256 * 1024;
const LOAD_ORIGIN = Symbol('duet-collab-load');

interface Activity {
  changes: number;
  bytes: number;
  /** The number of changes after which this document's next snapshot is due. */
  threshold: number;
}

export class Timeline implements Extension {
  extensionName = 'timeline';
  private readonly activity = new Map<string, Activity>();
  /** Queued messages whose change was appended ahead of their turn, and that append. */
  private readonly early = new WeakMap<Uint8Array, Promise<void>>();
  /** Documents with a snapshot queued, and the queue's tail. */
  private readonly queued = new Map<string, Promise<void>>();
  private queue: Promise<void> = Promise.resolve();

  /**
   * @param relay with Redis: hands a committed change to the other instances before it is applied
   *   and acknowledged here (see RelayingRedis).
   */
  constructor(
    private readonly store: TimelineStore,
    private readonly relay?: (documentName: string, update: Uint8Array) => Promise<void>,
  ) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload<CollabContext>): Promise<void> {
    const stored = await this.store.load(documentName);
    if (stored) Y.applyUpdate(document, stored.state, LOAD_ORIGIN);
  }

  async beforeHandleMessage({ update: message, connection, context, document, documentName }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    const participant = context.participant;
    if (connection.readOnly || !participant) return;
    // Appended already, with the message this connection sent before it (see below).
    const early = this.early.get(message);
    if (early) {
      this.early.delete(message);
      return early;
    }
    const change = documentChangeOf(message, documentName, false);
    // A change the document already holds (a client re-sending after a reconnect) is no new event.
    if (!change || change.length <= EMPTY_UPDATE_LENGTH || holds(document, change)) return;
    const own = this.record(documentName, participant, change);
    // Hocuspocus handles a connection's messages one at a time, each after the previous one was
    // acknowledged: with commits slower than the participant types, its messages would queue one
    // commit apart each and the queue would only grow. The updates it has queued behind this one
    // therefore go into the same group, in order; each is still applied and acknowledged only when
    // its own turn comes (and if the group fails, the session ends before any of them is). Should
    // the session end between a queued update's commit and its turn, that update is in the
    // timeline but not yet in the document: its author, never acknowledged, sends it again on
    // reconnecting, a snapshot never claims to cover it, and the next load of the document has it.
    const queue = (connection as unknown as { messageQueue?: unknown }).messageQueue;
    if (Array.isArray(queue)) {
      for (const queued of queue) {
        if (queued === message || !(queued instanceof Uint8Array) || this.early.has(queued)) continue;
        const next = documentChangeOf(queued, documentName, true);
        if (!next || next.length <= EMPTY_UPDATE_LENGTH || holds(document, next)) continue;
        const appended = this.record(documentName, participant, next);
        appended.catch(() => {}); // awaited (and so reported) when its turn comes, if it comes
        this.early.set(queued, appended);
      }
    }
    await own;
  }

  /** Appends a participant's change; with Redis, hands it to the other instances once committed. */
  private async record(documentName: string, participant: Participant, change: Uint8Array): Promise<void> {
    await this.store.append({ document: documentName, author: participant.id, role: participant.role, update: change });
    this.count(documentName, change.length);
    await this.relay?.(documentName, change);
  }

  /** The service's own changes (joins, leaves, posted events) are recorded as they happen. */
  async onChange({ transactionOrigin, update, documentName }: onChangePayload<CollabContext>): Promise<void> {
    if (!isServiceOrigin(transactionOrigin)) return;
    await this.store.append({ document: documentName, author: SERVICE_AUTHOR.id, role: SERVICE_AUTHOR.role, update });
    this.count(documentName, update.length);
  }

  async onStoreDocument({ document, documentName, clientsCount }: onStoreDocumentPayload<CollabContext>): Promise<void> {
    if (clientsCount === 0) {
      // Unloading: the last snapshot is taken before the document leaves memory.
      this.activity.delete(documentName);
      await this.enqueueSnapshot(documentName, document);
      return;
    }
    const activity = this.activity.get(documentName);
    if (!activity || (activity.changes < activity.threshold && activity.bytes < SNAPSHOT_BYTES)) return;
    this.activity.set(documentName, fresh());
    void this.enqueueSnapshot(documentName, document); // not awaited: no room waits for another's snapshot
  }

  private enqueueSnapshot(documentName: string, document: Y.Doc): Promise<void> {
    const already = this.queued.get(documentName);
    if (already) return already;
    const done = this.queue.then(async () => {
      this.queued.delete(documentName);
      try {
        await this.store.snapshot(documentName, document);
      } catch (error) {
        console.error(`duet-collab: snapshot of ${documentName} failed (its changes are all in the timeline; retried later)`, error);
      }
    });
    this.queued.set(documentName, done);
    this.queue = done;
    return done;
  }

  private count(documentName: string, bytes: number): void {
    let activity = this.activity.get(documentName);
    if (!activity) this.activity.set(documentName, (activity = fresh()));
    activity.changes++;
    activity.bytes += bytes;
  }
}

function fresh(): Activity {
  return { changes: 0, bytes: 0, threshold: Math.round(SNAPSHOT_EVERY * (0.5 + Math.random())) };
}

/**
 * Whether the document already holds every part of `change`. Cheap for the usual case, a change
 * that adds content the document lacks (its state vector is ahead of the document's); a change
 * that only deletes, or whose content is all there, is checked fully against a snapshot.
 */
function holds(document: Y.Doc, change: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(change))) {
    if (Y.getState(document.store, client) < clock) return false;
  }
  return Y.snapshotContainsUpdate(Y.snapshot(document), change);
}

/**
 * The Yjs update carried by a raw sync message for `documentName` (an update, or unless
 * `updatesOnly` the step-2 answer), if any.
 */
function documentChangeOf(message: Uint8Array, documentName: string, updatesOnly: boolean): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    const address = decoding.readVarString(decoder); // the document's name, then "\0" and a session, if any
    if (address !== documentName && !address.startsWith(`${documentName}\0`)) return undefined;
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined;
    const kind = decoding.readVarUint(decoder);
    if (kind !== SYNC_UPDATE && (updatesOnly || kind !== SYNC_STEP_2)) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined; // malformed: Hocuspocus itself refuses it
  }
}
