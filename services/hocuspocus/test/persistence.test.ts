/** Room documents outlive the service: restarts, SIGKILL, and documents nobody holds any more. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { kill, startCollabProcess } from './process-support.js';
import { freshDatabase, joinRoom, roomSigner, startCollab, tempDataDir, until } from './support.js';

describe('persistence', () => {
  it('embedded (PGlite): a room’s code survives a restart of the service', async () => {
    const signer = await roomSigner();
    const dataDir = tempDataDir();
    const first = await startCollab(signer, { embedded: true, dataDir });
    const ada = joinRoom(first.url, 'room:p1', await signer.token({ room: 'p1', sub: 'ada' }));
    await ada.ready;
    ada.code.insert(0, 'print(42)\n');
    await ada.acknowledged();
    ada.provider.destroy();
    await until(() => first.collab.server.hocuspocus.getDocumentsCount() === 0, 10_000, 'the document to unload');
    await first.collab.close();
    const second = await startCollab(signer, { embedded: true, dataDir });
    const bob = joinRoom(second.url, 'room:p1', await signer.token({ room: 'p1', sub: 'bob' }));
    await bob.ready;
    expect(bob.code.toString()).toBe('print(42)\n');
  }, 60_000);

  it('SIGKILL of the service loses no change a client saw acknowledged', async () => {
    const signer = await roomSigner();
    const databaseUrl = await freshDatabase();
    const service = await startCollabProcess(signer, { DATABASE_URL: databaseUrl });
    const ada = joinRoom(service.url, 'room:p2', await signer.token({ room: 'p2', sub: 'ada' }));
    await ada.ready;
    for (let i = 0; i < 300; i++) ada.code.insert(ada.code.length, `line ${i}\n`);
    await ada.acknowledged();
    const acknowledged = ada.code.toString();
    await kill(service); // no chance to store anything on the way out
    ada.provider.destroy();
    const restarted = await startCollabProcess(signer, { DATABASE_URL: databaseUrl });
    const bob = joinRoom(restarted.url, 'room:p2', await signer.token({ room: 'p2', sub: 'bob' }));
    await bob.ready;
    expect(bob.code.toString()).toBe(acknowledged);
    expect(acknowledged.split('\n')).toHaveLength(301);
  }, 90_000);

  it('a document nobody holds is unloaded from memory, and loads again unchanged', async () => {
    const signer = await roomSigner();
    const { url, collab } = await startCollab(signer);
    const instance = collab.server.hocuspocus;
    for (let room = 0; room < 20; room++) {
      const p = joinRoom(url, `room:u${room}`, await signer.token({ room: `u${room}`, sub: 'ada' }));
      await p.ready;
      p.code.insert(0, `room ${room}`);
      await p.acknowledged();
      p.provider.destroy();
    }
    await until(() => instance.getDocumentsCount() === 0, 15_000, 'every document to unload');
    const again = joinRoom(url, 'room:u7', await signer.token({ room: 'u7', sub: 'bob' }));
    await again.ready;
    expect(again.code.toString()).toBe('room 7');
    expect(instance.getDocumentsCount()).toBe(1);
  }, 60_000);
});

void Y;
