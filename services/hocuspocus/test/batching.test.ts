/**
 * Group commit of the timeline: changes that arrive together go into one INSERT, and a change is
 * acknowledged (and passed on to the room) only once the group it went into has committed; a group
 * that fails refuses its changes instead of acknowledging them.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { type SqlClient, postgresClient } from '../src/store/sql-client.js';
import { TimelineStore } from '../src/store/timeline-store.js';
import { freshDatabase, joinRoom, roomSigner, startCollab, until } from './support.js';

const isAppend = (text: string) => text.startsWith('INSERT INTO collab_updates');

/** A PostgreSQL client whose timeline INSERTs can be held back, made to fail, and counted. */
async function controlledSql() {
  const sql = postgresClient(await freshDatabase());
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  let failures = 0;
  const control = {
    inserts: 0,
    rows: [] as number[],
    /** Holds the next INSERTs back; counting starts again here (the joins' own appends may have come in one group or several). */
    hold() {
      control.inserts = 0;
      control.rows = [];
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    failNext(count = 1) {
      failures = count;
    },
  };
  const client: SqlClient = {
    kind: sql.kind,
    withLock: (key, fn) => sql.withLock(key, fn),
    close: () => sql.close(),
    async query(text, params, name) {
      if (isAppend(text) && (params?.[0] as unknown[]).length > 0) {
        // (The empty group the store prepares its statement with at start is not counted.)
        control.inserts++;
        control.rows.push((params?.[0] as unknown[]).length);
        if (gate) await gate;
        if (failures > 0) {
          failures--;
          throw new Error('injected: the group failed');
        }
      }
      return sql.query(text, params, name);
    },
  };
  return { client, control };
}

describe('timeline group commit', () => {
  it('changes of many documents made in one tick go into one INSERT, ids in the order of the calls', async () => {
    const { client, control } = await controlledSql();
    const store = await TimelineStore.open(client);
    onTestFinished(() => store.close());
    const updates = Array.from({ length: 30 }, (_, i) => {
      const doc = new Y.Doc();
      doc.getText('code').insert(0, `room ${i}`);
      return Y.encodeStateAsUpdate(doc);
    });
    const ids = await Promise.all(updates.map((update, i) => store.append({ document: `room:g${i}`, author: `u${i}`, role: 'candidate', update })));
    expect(control.inserts).toBe(1);
    expect(control.rows).toEqual([30]);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(ids).size).toBe(30);
    const history = await store.history('room:g7');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: ids[7], author: 'u7' });
    expect(Buffer.from(history[0]!.update).equals(Buffer.from(updates[7]!))).toBe(true);
    const stats = store.takeStats();
    expect(stats).toMatchObject({ appends: 30, groups: 1, failedGroups: 0, groupRows: { max: 30 } });
  });

  it('a failing group rejects every change in it and stores none; the next group is unaffected', async () => {
    const { client, control } = await controlledSql();
    const store = await TimelineStore.open(client);
    onTestFinished(() => store.close());
    control.failNext();
    const update = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('code').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const results = await Promise.allSettled(['a', 'b', 'c'].map((t) => store.append({ document: 'room:f1', author: 'ada', role: 'candidate', update: update(t) })));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await store.history('room:f1')).toHaveLength(0);
    await store.append({ document: 'room:f1', author: 'ada', role: 'candidate', update: update('d') });
    expect(await store.history('room:f1')).toHaveLength(1);
    expect(store.takeStats()).toMatchObject({ appends: 1, groups: 1, failedGroups: 1 });
  });

  it('a participant’s change is acknowledged, and reaches the room, only once its group has committed', async () => {
    const signer = await roomSigner();
    const { client, control } = await controlledSql();
    const { url } = await startCollab(signer, { sql: client });
    const ada = joinRoom(url, 'room:b1', await signer.token({ room: 'b1', sub: 'ada' }));
    const bob = joinRoom(url, 'room:b1', await signer.token({ room: 'b1', sub: 'bob' }));
    await Promise.all([ada.ready, bob.ready]);
    await until(() => bob.doc.getArray('events').length === 2, 20_000, 'both joins');
    control.hold();
    ada.code.insert(0, 'held');
    await until(() => control.inserts > 0 && ada.provider.hasUnsyncedChanges, 20_000, 'the change to reach the store');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ada.provider.hasUnsyncedChanges).toBe(true); // not acknowledged while its group is uncommitted
    expect(bob.code.toString()).toBe(''); // nor passed on
    control.release();
    await ada.acknowledged();
    await until(() => bob.code.toString() === 'held', 20_000, 'the change to reach bob');
  }, 60_000);

  it('updates a participant queued behind an uncommitted one commit together in the next group, each acknowledged after its own commit', async () => {
    const signer = await roomSigner();
    const { client, control } = await controlledSql();
    const { url } = await startCollab(signer, { sql: client });
    const ada = joinRoom(url, 'room:b3', await signer.token({ room: 'b3', sub: 'ada' }));
    const bob = joinRoom(url, 'room:b3', await signer.token({ room: 'b3', sub: 'bob' }));
    await Promise.all([ada.ready, bob.ready]);
    await until(() => bob.doc.getArray('events').length === 2, 20_000, 'both joins');
    control.hold();
    const before = control.rows.length; // 0: hold() starts the count afresh
    for (let i = 0; i < 5; i++) {
      ada.code.insert(ada.code.length, `${i};`);
      await new Promise((resolve) => setTimeout(resolve, 40)); // one message each
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(control.rows.slice(before)).toEqual([1]); // the first, held; the other four wait behind it
    expect(ada.provider.hasUnsyncedChanges).toBe(true);
    expect(bob.code.toString()).toBe('');
    control.release();
    await ada.acknowledged();
    await until(() => bob.code.toString() === '0;1;2;3;4;', 20_000, 'every change to reach bob');
    expect(control.rows.slice(before)).toEqual([1, 4]);
  }, 60_000);

  it('a participant’s change in a failed group is refused, not acknowledged; sent again, it is stored', async () => {
    const signer = await roomSigner();
    const { client, control } = await controlledSql();
    const { url, collab } = await startCollab(signer, { sql: client });
    const ada = joinRoom(url, 'room:b2', await signer.token({ room: 'b2', sub: 'ada' }));
    const bob = joinRoom(url, 'room:b2', await signer.token({ room: 'b2', sub: 'bob' }));
    await Promise.all([ada.ready, bob.ready]);
    await until(() => bob.doc.getArray('events').length === 2, 20_000, 'both joins');
    control.hold();
    control.failNext();
    ada.code.insert(0, 'refused at first');
    await until(() => control.inserts > 0, 20_000, 'the change to reach the store');
    control.release();
    await until(() => control.rows.length === 1, 20_000, 'the failed group');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ada.provider.hasUnsyncedChanges).toBe(true); // refused: the service ended that session
    expect(bob.code.toString()).toBe('');
    // Connected again, the client sends what was never acknowledged (its sync step 2); it commits.
    ada.provider.destroy();
    const again = new HocuspocusProvider({ url, name: 'room:b2', document: ada.doc, token: await signer.token({ room: 'b2', sub: 'ada' }) });
    onTestFinished(() => again.destroy());
    await until(() => bob.code.toString() === 'refused at first', 15_000, 'the change, sent again, to reach bob');
    const history = await collab.store.history('room:b2');
    const replayed = new Y.Doc();
    for (const change of history) Y.applyUpdate(replayed, change.update);
    expect(replayed.getText('code').toString()).toBe('refused at first');
  }, 60_000);
});
