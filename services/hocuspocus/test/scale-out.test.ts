/** Several service instances share rooms through Redis; one can die without losing acknowledged changes. */
import { describe, expect, it } from 'vitest';
import { kill, startCollabProcess } from './process-support.js';
import { freshDatabase, joinRoom, roomSigner, until } from './support.js';

const REDIS_URL = process.env.DUET_TEST_REDIS ?? 'redis://127.0.0.1:6379';

describe('scale-out', () => {
  it('an edit through instance A reaches a participant on instance B; after A is SIGKILLed nothing acknowledged is lost', async () => {
    const signer = await roomSigner();
    // Unique per run: the machine's Redis is shared by every test run on it.
    const room = `s${Date.now().toString(36)}`;
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL };
    const a = await startCollabProcess(signer, { ...env, DUET_COLLAB_INSTANCE: 'a' });
    const b = await startCollabProcess(signer, { ...env, DUET_COLLAB_INSTANCE: 'b' });
    const ada = joinRoom(a.url, `room:${room}`, await signer.token({ room, sub: 'ada' }));
    const bob = joinRoom(b.url, `room:${room}`, await signer.token({ room, sub: 'bob', role: 'interviewer' }));
    await Promise.all([ada.ready, bob.ready]);
    ada.code.insert(0, 'from A\n');
    await until(() => bob.code.toString() === 'from A\n', 10_000, 'B’s participant sees A’s edit');
    bob.code.insert(bob.code.length, 'from B\n');
    await until(() => ada.code.toString() === 'from A\nfrom B\n', 10_000, 'A’s participant sees B’s edit');
    for (let i = 0; i < 100; i++) ada.code.insert(ada.code.length, `a${i}\n`);
    await ada.acknowledged();
    const acknowledged = ada.code.toString();
    await kill(a);
    await until(() => bob.code.toString() === acknowledged, 10_000, 'B holds everything A acknowledged');
    const carol = joinRoom(b.url, `room:${room}`, await signer.token({ room, sub: 'carol', role: 'observer' }));
    await carol.ready;
    expect(carol.code.toString()).toBe(acknowledged);
  }, 90_000);
});
