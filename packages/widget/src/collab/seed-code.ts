/**
 * The starter code goes into an empty room exactly once, however many participants seed it at the
 * same time: every client builds the same insertion under one fixed Yjs client id, so the copies
 * are one and the same change and Yjs keeps it once. A room whose code was cleared stays cleared
 * (the change is already part of its history).
 */
import * as Y from 'yjs';

/** A client id no real client draws (Yjs draws random 32-bit ids; 0 is reserved here for seeds). */
const SEED_CLIENT_ID = 0;

export function seedCode(doc: Y.Doc, starterCode: string, origin: unknown): void {
  const seed = new Y.Doc();
  seed.clientID = SEED_CLIENT_ID;
  seed.getText('code').insert(0, starterCode.replace(/\r\n?/g, '\n'));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed), origin);
  seed.destroy();
}
