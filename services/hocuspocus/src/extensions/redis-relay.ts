/**
 * Scale-out with the durable-before-ack contract: `@hocuspocus/extension-redis` tells the other
 * instances about a change only after it was applied and acknowledged — in the next turn, and by a
 * state-vector exchange that takes a round trip —, so an instance killed right after acknowledging
 * could take a change with it that its peers never got (the timeline has it; their open documents
 * do not). The timeline therefore hands each participant's change, once committed and before it is
 * applied and acknowledged, to Redis itself, as a plain sync update on the document's channel: the
 * peers apply it directly, whatever becomes of this instance afterwards.
 */
import { Redis } from '@hocuspocus/extension-redis';
import * as encoding from 'lib0/encoding';

const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

export class RelayingRedis extends Redis {
  /** Publishes `update` to the other instances holding `documentName`; resolves once Redis has it. */
  async relay(documentName: string, update: Uint8Array): Promise<void> {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_UPDATE);
    encoding.writeVarUint8Array(encoder, update);
    // The extension's framing: the sender's identifier (length-prefixed), then the message.
    const identifier = Buffer.from(this.configuration.identifier, 'utf-8');
    const message = Buffer.concat([Buffer.from([identifier.length]), identifier, encoding.toUint8Array(encoder)]);
    await this.pub.publish(`${this.configuration.prefix}:${documentName}`, message);
  }
}
