/** Who may join which room document, and how: every rule tried as an attack. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { joinRoom, roomSigner, startCollab, until } from './support.js';

describe('room auth', () => {
  it('a candidate and an interviewer edit one document; each sees the other’s text', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer);
    const ada = joinRoom(url, 'room:r1', await signer.token({ room: 'r1', sub: 'ada', role: 'candidate' }));
    const bob = joinRoom(url, 'room:r1', await signer.token({ room: 'r1', sub: 'bob', name: 'Bob', role: 'interviewer' }));
    await Promise.all([ada.ready, bob.ready]);
    ada.code.insert(0, 'def solve():\n');
    await until(() => bob.code.toString() === 'def solve():\n', 5000, 'bob sees ada’s text');
    bob.code.insert(bob.code.length, '    pass\n');
    await until(() => ada.code.toString() === 'def solve():\n    pass\n', 5000, 'ada sees bob’s text');
  });

  it('an observer is read-only on the server: its forged changes reach nobody and are not recorded', async () => {
    const signer = await roomSigner();
    const { url, collab } = await startCollab(signer);
    const ada = joinRoom(url, 'room:r2', await signer.token({ room: 'r2', sub: 'ada' }));
    const eve = joinRoom(url, 'room:r2', await signer.token({ room: 'r2', sub: 'eve', role: 'observer' }));
    await Promise.all([ada.ready, eve.ready]);
    ada.code.insert(0, 'x = 1\n');
    await until(() => eve.code.toString() === 'x = 1\n', 5000, 'the observer sees the candidate');
    // Attack: the observer's client ignores read-only and edits anyway (as a modified client would).
    eve.code.insert(0, 'import os; os.system("rm -rf /")\n');
    ada.code.insert(ada.code.length, 'y = 2\n');
    await until(() => eve.code.toString().endsWith('y = 2\n'), 5000, 'the observer still receives changes');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ada.code.toString()).toBe('x = 1\ny = 2\n');
    const server = collab.server.hocuspocus.documents.get('room:r2')!;
    expect(server.getText('code').toString()).toBe('x = 1\ny = 2\n');
    const authors = (await collab.store.history('room:r2')).map((u) => u.author);
    expect(authors).not.toContain('eve');
    expect(authors).toContain('ada');
  });

  it('expired, tampered and foreign tokens are refused with named reasons', async () => {
    const signer = await roomSigner();
    const other = await roomSigner();
    const { url } = await startCollab(signer);
    const expired = await signer.token({ room: 'r3', iat: Math.floor(Date.now() / 1000) - 3600, ttlSeconds: 60 });
    expect(await joinRoom(url, 'room:r3', expired).refusal).toBe('token-expired');
    const valid = await signer.token({ room: 'r3', role: 'candidate' });
    const [header, payload, signature] = valid.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'interviewer', perms: ['view', 'edit', 'run', 'submit', 'end', 'report'] })).toString('base64url');
    expect(await joinRoom(url, 'room:r3:notes', `${header}.${promoted}.${signature}`).refusal).toBe('token-invalid');
    expect(await joinRoom(url, 'room:r3', await other.token({ room: 'r3' })).refusal).toBe('token-invalid');
    expect(await joinRoom(url, 'room:r3', 'not-a-token').refusal).toBe('token-invalid');
    expect(await joinRoom(url, 'room:r3', await signer.token({ room: 'r4' })).refusal).toBe('wrong-room');
    expect(await joinRoom(url, 'not-a-room', valid).refusal).toBe('bad-document');
  });

  it('the interviewers’ notes open for an interviewer’s token only', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer);
    const interviewer = joinRoom(url, 'room:r5:notes', await signer.token({ room: 'r5', sub: 'bob', role: 'interviewer' }));
    await interviewer.ready;
    interviewer.doc.getText('notes').insert(0, 'strong on edge cases');
    await interviewer.acknowledged();
    expect(await joinRoom(url, 'room:r5:notes', await signer.token({ room: 'r5', sub: 'ada', role: 'candidate' })).refusal).toBe('notes-forbidden');
    expect(await joinRoom(url, 'room:r5:notes', await signer.token({ room: 'r5', sub: 'eve', role: 'observer' })).refusal).toBe('notes-forbidden');
    // A candidate's token with forged permissions is still a candidate's.
    expect(await joinRoom(url, 'room:r5:notes', await signer.token({ room: 'r5', sub: 'ada', role: 'candidate', perms: ['view', 'edit', 'report'] })).refusal).toBe('notes-forbidden');
  });

  it('a session ends (reason token-expired) when its token expires, and a fresh token keeps it going', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer);
    const lapsing = joinRoom(url, 'room:r6', await signer.token({ room: 'r6', sub: 'ada', ttlSeconds: 2 }));
    await lapsing.ready;
    expect((await lapsing.closed).reason).toBe('token-expired');

    let current = await signer.token({ room: 'r6', sub: 'bob', ttlSeconds: 2 });
    const refreshed = joinRoom(url, 'room:r6', async () => current);
    await refreshed.ready;
    current = await signer.token({ room: 'r6', sub: 'bob', ttlSeconds: 600 });
    await refreshed.provider.sendToken();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    refreshed.code.insert(0, 'still here');
    await refreshed.acknowledged();
    const check = joinRoom(url, 'room:r6', await signer.token({ room: 'r6', sub: 'carol' }));
    await check.ready;
    expect(check.code.toString()).toContain('still here');

    // A refreshed token for someone else is refused, and ends the session.
    const mismatched = joinRoom(url, 'room:r6', async () => current);
    await mismatched.ready;
    current = await signer.token({ room: 'r6', sub: 'mallory' });
    await mismatched.provider.sendToken();
    expect((await mismatched.closed).reason).toBe('token-mismatch');
  }, 30_000);
});

void Y;
