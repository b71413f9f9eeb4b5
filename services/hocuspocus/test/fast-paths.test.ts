/**
 * What src/hocuspocus-fast-paths.ts changes, seen from real participants: an edit goes to the others
 * and not back to its sender; awareness reaches the others directly, a state cleared by its owner
 * included (Hocuspocus's scratch-document path dropped it), under the room's presence rules (one's
 * own client only, named as one's token says). These fail if a Hocuspocus upgrade changes the
 * methods the fast paths replace.
 */
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { joinRoom, roomSigner, startCollab, until } from './support.js';

const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

/** Counts the document updates a participant's provider receives. */
function countUpdates(provider: ReturnType<typeof joinRoom>['provider']): { count: number } {
  const seen = { count: 0 };
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_UPDATE) seen.count++;
  });
  return seen;
}

describe('collaboration fast paths', () => {
  it('an edit reaches the other participant and is not echoed to its sender', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer, { embedded: true });
    const ada = joinRoom(url, 'room:echo', await signer.token({ room: 'echo', sub: 'ada' }));
    const bob = joinRoom(url, 'room:echo', await signer.token({ room: 'echo', sub: 'bob', name: 'Bob' }));
    await Promise.all([ada.ready, bob.ready]);
    const adaReceived = countUpdates(ada.provider);
    const bobReceived = countUpdates(bob.provider);

    for (let i = 0; i < 5; i++) {
      ada.code.insert(ada.code.length, `a${i};`);
      await ada.acknowledged();
    }
    bob.code.insert(0, 'b;');
    await bob.acknowledged();
    await until(() => ada.code.toString() === 'b;a0;a1;a2;a3;a4;' && bob.code.toString() === ada.code.toString(), 10_000, 'both documents to converge');
    await new Promise((resolve) => setTimeout(resolve, 100)); // an echo, were there one, would be here by now

    expect(bobReceived.count).toBeGreaterThanOrEqual(5); // Ada's edits (a few may come merged)
    expect(adaReceived.count).toBe(1); // Bob's edit only, none of her own
  });

  it('awareness reaches the other participant, and a state its owner clears is cleared there too', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer, { embedded: true });
    const ada = joinRoom(url, 'room:cursors', await signer.token({ room: 'cursors', sub: 'ada' }));
    const bob = joinRoom(url, 'room:cursors', await signer.token({ room: 'cursors', sub: 'bob', name: 'Bob' }));
    await Promise.all([ada.ready, bob.ready]);
    const adaId = ada.doc.clientID;
    const seenByBob = () => bob.provider.awareness!.getStates().get(adaId) as { cursor?: number } | undefined;

    ada.provider.setAwarenessField('cursor', 7);
    await until(() => seenByBob()?.cursor === 7, 10_000, "Ada's cursor at Bob's");
    ada.provider.setAwarenessField('cursor', 12);
    await until(() => seenByBob()?.cursor === 12, 10_000, "Ada's moved cursor at Bob's");

    ada.provider.awareness!.setLocalState(null); // Ada hides her presence but stays connected
    await until(() => seenByBob() === undefined, 10_000, "Ada's state to leave Bob's awareness");
    expect(ada.provider.isAuthenticated).toBe(true);
  });

  it("a participant publishes only its own client's presence, under its token's name and role", async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer, { embedded: true });
    const room = 'presence-rules';
    const ada = joinRoom(url, `room:${room}`, await signer.token({ room, sub: 'ada', name: 'Ada' }));
    const bob = joinRoom(url, `room:${room}`, await signer.token({ room, sub: 'bob', name: 'Bob' }));
    await Promise.all([ada.ready, bob.ready]);
    const adaId = ada.doc.clientID;
    type State = { user?: { id?: string; name?: string; role?: string; color?: string }; cursor?: number };

    // Ada names herself the interviewer: the others see her token's name and role, and her colour.
    ada.provider.setAwarenessField('user', { id: 'someone', name: 'The Interviewer', role: 'interviewer', color: '#123456' });
    ada.provider.setAwarenessField('cursor', 1);
    const bobSees = () => bob.provider.awareness!.getStates().get(adaId) as State | undefined;
    await until(() => bobSees()?.cursor === 1, 10_000, "Ada's presence at Bob's");
    expect(bobSees()?.user).toEqual({ id: 'ada', name: 'Ada', role: 'candidate', color: '#123456' });

    // Bob publishes a state for Ada's client, with a clock far ahead of hers, then one clearing it.
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = adaId;
    const forged = new Awareness(forgedDoc);
    for (let i = 0; i < 20; i++) forged.setLocalState({ user: { id: 'ada', name: 'Ada', role: 'interviewer' }, cursor: 99 });
    applyAwarenessUpdate(bob.provider.awareness!, encodeAwarenessUpdate(forged, [adaId]), 'forger');
    forged.setLocalState(null);
    applyAwarenessUpdate(bob.provider.awareness!, encodeAwarenessUpdate(forged, [adaId]), 'forger');
    forged.destroy();
    bob.provider.setAwarenessField('cursor', 42); // after the forgeries, on the same connection
    // Had the server taken them, Ada would have received them before Bob's marker, and y-protocols
    // makes a client answer a foreign state for its own id by jumping its clock past it.
    await until(() => (ada.provider.awareness!.getStates().get(bob.doc.clientID) as State | undefined)?.cursor === 42, 10_000, "Bob's marker at Ada's");
    expect(ada.provider.awareness!.meta.get(adaId)?.clock).toBeLessThan(20);

    // A third participant sees Bob's marker, and Ada as she last published herself.
    const cy = joinRoom(url, `room:${room}`, await signer.token({ room, sub: 'cy', name: 'Cy', role: 'observer' }));
    await cy.ready;
    const cySees = (id: number) => cy.provider.awareness!.getStates().get(id) as State | undefined;
    await until(() => cySees(bob.doc.clientID)?.cursor === 42, 10_000, "Bob's marker at Cy's");
    ada.provider.setAwarenessField('cursor', 2);
    await until(() => cySees(adaId)?.cursor === 2, 10_000, "Ada's own next move at Cy's (a forged clock ahead of hers would hide it)");
    expect(cySees(adaId)?.user).toMatchObject({ id: 'ada', name: 'Ada', role: 'candidate' });
  });
});
