/** Joins and leaves of the room document, as events on its timeline. */
import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server';
import type { CollabContext } from '../participant.js';
import { appendEvents } from '../room-events.js';
import { parseRoomDocumentName } from '../room-documents.js';

export class PresenceEvents implements Extension {
  extensionName = 'presence-events';

  async connected({ context, documentName, instance }: connectedPayload<CollabContext>): Promise<void> {
    const document = instance.documents.get(documentName);
    if (document && context.participant && parseRoomDocumentName(documentName)?.kind === 'room') {
      const { id, name, role } = context.participant;
      appendEvents(document, [{ type: 'join', at: new Date().toISOString(), user: id, name, role }]);
    }
  }

  async onDisconnect({ context, document, documentName }: onDisconnectPayload<CollabContext>): Promise<void> {
    if (context.participant && parseRoomDocumentName(documentName)?.kind === 'room') {
      const { id, name, role } = context.participant;
      appendEvents(document, [{ type: 'leave', at: new Date().toISOString(), user: id, name, role }]);
    }
  }
}
