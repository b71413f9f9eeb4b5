/** Every change is recorded with its author and time, so a room's history replays exactly. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { joinRoom, roomSigner, startCollab, until } from './support.js';

describe('timeline', () => {
  it('replaying the recorded changes in order rebuilds the document exactly, with each change’s author', async () => {
    const signer = await roomSigner();
    const { url, collab } = await startCollab(signer);
    const ada = joinRoom(url, 'room:t1', await signer.token({ room: 't1', sub: 'ada' }));
    const bob = joinRoom(url, 'room:t1', await signer.token({ room: 't1', sub: 'bob', name: 'Bob', role: 'interviewer' }));
    await Promise.all([ada.ready, bob.ready]);
    for (let i = 0; i < 40; i++) {
      const who = i % 2 ? bob : ada;
      who.code.insert(Math.floor(who.code.length / 2), `${i % 2 ? 'b' : 'a'}${i};`);
      if (i % 7 === 0) who.code.delete(0, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all([ada.acknowledged(), bob.acknowledged()]);
    await until(() => ada.code.toString() === bob.code.toString(), 5000, 'both converge');
    bob.provider.destroy();
    await until(() => ada.doc.getArray('events').toArray().some((e) => (e as { type: string }).type === 'leave'), 5000, 'the leave event');
    const history = await collab.store.history('room:t1');
    const replayed = new Y.Doc();
    for (const change of history) Y.applyUpdate(replayed, change.update);
    expect(replayed.getText('code').toString()).toBe(ada.code.toString());
    const authors = new Set(history.map((h) => h.author));
    expect(authors).toEqual(new Set(['ada', 'bob', 'duet']));
    for (let i = 1; i < history.length; i++) expect(history[i]!.at.getTime()).toBeGreaterThanOrEqual(history[i - 1]!.at.getTime());
    const events = replayed.getArray('events').toArray() as Array<{ type: string; user: string; role: string }>;
    expect(events.filter((e) => e.type === 'join').map((e) => e.user).sort()).toEqual(['ada', 'bob']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'leave', user: 'bob', role: 'interviewer' }));
  });

  it('snapshots cover the changes they contain: the document loads from the last one plus the rest', async () => {
    const signer = await roomSigner();
    const { url, collab } = await startCollab(signer);
    const ada = joinRoom(url, 'room:t2', await signer.token({ room: 't2', sub: 'ada' }));
    await ada.ready;
    for (let i = 0; i < 450; i++) ada.code.insert(ada.code.length, `${i} `);
    await ada.acknowledged();
    const doc = collab.server.hocuspocus.documents.get('room:t2')!;
    const upto = await collab.store.snapshot('room:t2', doc);
    const history = await collab.store.history('room:t2');
    expect(upto).toBe(history[history.length - 1]!.id);
    ada.code.insert(0, 'after ');
    await ada.acknowledged();
    const loaded = await collab.store.load('room:t2');
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, loaded!.state);
    expect(fresh.getText('code').toString()).toBe(ada.code.toString());
    expect((await collab.store.snapshots('room:t2')).map((s) => s.upto)).toContain(upto);
  });

  it('the service API appends the marketplace’s events (as the service) and returns the timeline; it needs the secret', async () => {
    const signer = await roomSigner();
    const { url, collab } = await startCollab(signer);
    const http = url.replace('ws://', 'http://');
    const ada = joinRoom(url, 'room:t3', await signer.token({ room: 't3', sub: 'ada' }));
    await ada.ready;
    const post = (body: unknown, secret = 'collab-test-secret-0123456789') =>
      fetch(`${http}/v1/rooms/t3/events`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ events: [{ type: 'run', at: new Date().toISOString(), run: 'run_1', kind: 'sample' }] }, 'wrong-secret-xxxxxxxxxxxx')).status).toBe(401);
    expect((await post({ events: [{ type: '', at: 'x' }] })).status).toBe(400);
    const ok = await post({ events: [{ type: 'run', at: new Date().toISOString(), run: 'run_1', kind: 'sample' }], meta: { problem: 'two-sum', mode: 'pair' } });
    expect(ok.status).toBe(200);
    await until(() => ada.doc.getMap('meta').get('problem') === 'two-sum', 5000, 'meta reaches the participant');
    expect(ada.doc.getArray('events').toArray()).toContainEqual(expect.objectContaining({ type: 'run', run: 'run_1' }));
    const timeline = (await (await fetch(`${http}/v1/rooms/t3/timeline`, { headers: { authorization: 'Bearer collab-test-secret-0123456789' } })).json()) as {
      updates: Array<{ author: string; update: string }>;
    };
    expect(timeline.updates.some((u) => u.author === 'duet')).toBe(true);
    expect((await fetch(`${http}/v1/rooms/t3/timeline`)).status).toBe(401);
    void collab;
  });
});
