/**
 * Two per-message costs of Hocuspocus 4.7 trimmed, because they dominate a busy service's CPU:
 *
 * - Every awareness message (a cursor move, a presence renewal) is first applied to a scratch
 *   Y.Doc + Awareness so that `beforeHandleAwareness` hooks may filter it: about 0.2 ms each here
 *   (a Y.Doc's guid takes 31 webcrypto calls; an Awareness starts a timer), and 1,000 participants
 *   renewing their presence together stalled the service for a quarter of a second. The message
 *   is instead held to the room's presence rules (presence-rules.ts) on its bytes and applied to the
 *   document's awareness directly, as y-protocols does; no extension may filter awareness itself
 *   (createCollabServer refuses one). (The scratch path also dropped "client left" entries, which
 *   the direct path keeps.)
 * - A document update is broadcast to every connection of the document, its sender included, who
 *   has it already: a socket write and a decode wasted per edit. The sender is skipped when every
 *   update of a broadcast came from that one connection.
 *
 * Both replace methods of classes @hocuspocus/server exports, once per process, before any
 * document exists. `test/fast-paths.test.ts` checks what they rely on, so an upgrade that changes it
 * fails there, not in production. Worth proposing upstream; drop this file when Hocuspocus has both.
 */
import { Document, MessageReceiver, MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import type { CollabContext } from './participant.js';
import { type ClientOwner, presenceUpdateFor } from './presence-rules.js';

type Origin = { source?: string; connection?: object } | undefined;

interface DocumentInternals {
  pendingUpdates: Uint8Array[];
  handleUpdate(update: Uint8Array, origin: unknown): unknown;
  broadcastUpdate(update: Uint8Array): void;
  broadcast(encode: (address: string) => Uint8Array, filter?: (connection: object) => boolean): void;
}

interface ConnectionInternals {
  context?: CollabContext;
}

interface DocumentConnections {
  /** Hocuspocus's record of the awareness clients each connection added. */
  connections: Map<ConnectionInternals, { clients: Set<number> }>;
}

interface ReceiverInternals {
  message: { decoder: decoding.Decoder };
  defaultTransactionOrigin?: unknown;
  apply(document: Document, connection?: object, reply?: (message: Uint8Array) => void): Promise<void>;
}

/** The connection whose updates a document's next broadcast carries, when they all came from one. */
const senders = new WeakMap<object, object | undefined>();
let installed = false;

export function installHocuspocusFastPaths(): void {
  if (installed) return;
  installed = true;
  const documentProto = Document.prototype as unknown as DocumentInternals;
  const handleUpdate = documentProto.handleUpdate;
  documentProto.handleUpdate = function (this: DocumentInternals, update, origin) {
    const sender = (origin as Origin)?.source === 'connection' ? (origin as Origin)?.connection : undefined;
    if (this.pendingUpdates.length === 0) senders.set(this, sender);
    else if (senders.get(this) !== sender) senders.set(this, undefined);
    return handleUpdate.call(this, update, origin);
  };
  const broadcastUpdate = documentProto.broadcastUpdate;
  documentProto.broadcastUpdate = function (this: DocumentInternals, update) {
    const sender = senders.get(this);
    senders.delete(this);
    if (!sender) return broadcastUpdate.call(this, update);
    // The same message Hocuspocus builds (an update sync message), for everyone but its sender.
    const original = this.broadcast;
    this.broadcast = (encode, filter) => original.call(this, encode, (connection) => connection !== sender && (!filter || filter(connection)));
    try {
      broadcastUpdate.call(this, update);
    } finally {
      this.broadcast = original;
    }
  };

  const receiverProto = MessageReceiver.prototype as unknown as ReceiverInternals;
  const apply = receiverProto.apply;
  receiverProto.apply = async function (this: ReceiverInternals, document, connection, reply) {
    const decoder = this.message.decoder;
    const start = decoder.pos;
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) {
      decoder.pos = start;
      return apply.call(this, document, connection, reply);
    }
    let update: Uint8Array | undefined = decoding.readVarUint8Array(decoder);
    const participant = (connection as ConnectionInternals | undefined)?.context?.participant;
    if (connection && participant) {
      const holders = (document as unknown as DocumentConnections).connections;
      const ownerOf = (clientId: number): ClientOwner => {
        for (const [holder, { clients }] of holders) {
          if (!clients.has(clientId)) continue;
          if (holder === connection) return 'this-connection';
          return holder.context?.participant?.id === participant.id ? 'same-person' : 'someone-else';
        }
        return 'nobody';
      };
      update = presenceUpdateFor(update, participant, ownerOf);
      if (!update) return;
    }
    const origin = connection ? { source: 'connection', connection } : (this.defaultTransactionOrigin ?? { source: 'local' });
    applyAwarenessUpdate(document.awareness, update, origin);
  };
}
