/**
 * Participants may append proctoring events in their own name and edit the code, nothing else: each
 * attack below is a real client changing its own copy of the room as a modified client would, and
 * the server must refuse the update (never applied, never stored, nobody else sees it).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { joinRoom, roomSigner, startCollab, until, type Participant } from './support.js';

const SECRET = 'collab-test-secret-0123456789';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(room: string) {
  const signer = await roomSigner();
  const refusals: Array<{ user: string; reason: string }> = [];
  const { url, collab } = await startCollab(signer, { onRefused: ({ user, violation }) => (process.env.DEBUG_INTEGRITY && console.log(violation), refusals.push({ user, reason: violation.reason })) });
  const http = url.replace('ws://', 'http://');
  const post = async (body: unknown) => {
    const response = await fetch(`${http}/v1/rooms/${room}/events`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  };
  await post({ meta: { mode: 'interview', state: 'open', problem: 'two-sum' }, events: [{ type: 'run', at: new Date().toISOString(), run: 'run_1', kind: 'sample', user: 'ada' }] });
  const ada = joinRoom(url, `room:${room}`, await signer.token({ room, sub: 'ada' }));
  const grace = joinRoom(url, `room:${room}`, await signer.token({ room, sub: 'grace', name: 'Grace', role: 'interviewer' }));
  await Promise.all([ada.ready, grace.ready]);
  const server = () => collab.server.hocuspocus.documents.get(`room:${room}`)!;
  const stored = async () => (await collab.store.history(`room:${room}`)).filter((u) => u.author === 'ada').length;
  return { signer, url, collab, ada, grace, server, stored, refusals, post };
}

const eventTypes = (doc: Y.Doc) => doc.getArray<{ type: string }>('events').toArray().map((e) => e.type);

/** Waits for the refusal to be counted, then checks nothing reached the server or the other client. */
async function expectRefused(refusals: Array<{ user: string; reason: string }>, count: number, reason: string) {
  await until(() => refusals.length >= count, 5000, `refusal #${count} (${reason})`);
  expect(refusals[count - 1]).toEqual({ user: 'ada', reason });
}

describe('room integrity: participants append, the service owns meta', () => {
  it('deleting a run event, rewriting meta.state and editing an event in place are refused; the code and own proctoring events go through', async () => {
    const { ada, grace, server, stored, refusals } = await setup('i1');
    await until(() => eventTypes(ada.doc).includes('run'), 5000, 'ada sees the run event');

    // Legitimate: code and a paste event in ada's name.
    ada.code.insert(0, 'x = 1\n');
    ada.doc.getArray('events').push([{ type: 'paste', at: new Date().toISOString(), user: 'ada', size: 6, range: { from: 0, to: 0 }, text: 'x = 1\n' }]);
    await ada.acknowledged();
    await until(() => eventTypes(grace.doc).includes('paste'), 5000, 'grace sees the paste event');
    const legit = await stored();
    expect(refusals).toEqual([]);

    // Attack 1: delete the run event.
    const runIndex = eventTypes(ada.doc).indexOf('run');
    ada.doc.getArray('events').delete(runIndex, 1);
    await expectRefused(refusals, 1, 'event-deleted');

    // Attack 2: rewrite meta.state.
    ada.doc.getMap('meta').set('state', 'ended');
    await expectRefused(refusals, 2, 'meta');

    await pause(300);
    // Refused with SyncStatus 0, as a read-only connection's change: the client's change stays unacknowledged.
    expect(ada.provider.hasUnsyncedChanges).toBe(true);
    const doc = server();
    expect(eventTypes(doc)).toContain('run');
    expect(doc.getMap('meta').get('state')).toBe('open');
    expect(eventTypes(grace.doc)).toContain('run');
    expect(grace.doc.getMap('meta').get('state')).toBe('open');
    expect(await stored()).toBe(legit);
  }, 30_000);

  it('an event edited in place (delete + insert), a forged run event, an insertion before other events and a nested type are refused', async () => {
    const { ada, grace, server, stored, refusals, collab, signer, url } = await setup('i2');
    await until(() => eventTypes(ada.doc).includes('run'), 5000, 'ada sees the run event');
    const legit = await stored();
    const fresh = async (): Promise<Participant> => {
      const p = joinRoom(url, 'room:i2', await signer.token({ room: 'i2', sub: 'ada' }));
      await p.ready;
      return p;
    };

    // Edit the run event in place: replace it with a passing one.
    const events = ada.doc.getArray<Record<string, unknown>>('events');
    const runIndex = events.toArray().findIndex((e) => e.type === 'run');
    ada.doc.transact(() => {
      const run = events.get(runIndex);
      events.delete(runIndex, 1);
      events.insert(runIndex, [{ ...run, kind: 'submit' }]);
    });
    await expectRefused(refusals, 1, 'event-deleted');

    // Forge a verdict (the marketplace's event) as a participant.
    const b = await fresh();
    b.doc.getArray('events').push([{ type: 'result', at: new Date().toISOString(), run: 'run_1', verdict: 'AC', passed: 9, total: 9 }]);
    await expectRefused(refusals, 2, 'event-forged');

    // A proctoring event in someone else's name.
    const c = await fresh();
    c.doc.getArray('events').push([{ type: 'focus', at: new Date().toISOString(), user: 'grace', kind: 'blur', start: new Date().toISOString(), end: new Date().toISOString(), durationMs: 0 }]);
    await expectRefused(refusals, 3, 'event-forged');

    // Insert at the front instead of appending (reordering history).
    const d = await fresh();
    d.doc.getArray('events').insert(0, [{ type: 'paste', at: new Date(0).toISOString(), user: 'ada', size: 1, range: { from: 0, to: 0 }, text: 'x' }]);
    await expectRefused(refusals, 4, 'event-not-appended');

    // A nested type appended as an event, to be changed later.
    const e = await fresh();
    e.doc.getArray('events').push([new Y.Map()]);
    await expectRefused(refusals, 5, 'event-forged');

    await pause(300);
    expect(server().getArray<Record<string, unknown>>('events').toArray().filter((x) => x.type !== 'join' && x.type !== 'leave')).toEqual([expect.objectContaining({ type: 'run', kind: 'sample' })]);
    expect(grace.doc.getArray<Record<string, unknown>>('events').toArray().some((x) => x.type === 'result' || x.user === 'grace' && x.type === 'focus')).toBe(false);
    expect(await stored()).toBe(legit);
    void collab;
  }, 30_000);

  it('a client whose copy holds the service’s own meta changes keeps editing, across a reconnect', async () => {
    const { ada, grace, server, refusals, post, signer, url } = await setup('i3');
    await until(() => ada.doc.getMap('meta').get('state') === 'open', 5000, 'meta reaches ada');
    // The service overwrites meta keys: ada's delete set now holds deletions in meta (the service's).
    await post({ meta: { state: 'ended', endsAt: new Date().toISOString() } });
    await until(() => ada.doc.getMap('meta').get('state') === 'ended', 5000, 'ada sees the room ended');
    ada.code.insert(0, 'after = True\n');
    await ada.acknowledged();
    // A client coming back with its whole copy (as after a reconnect) sends the whole delete set in sync step 2.
    const back = joinRoom(url, 'room:i3', await signer.token({ room: 'i3', sub: 'ada' }));
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(ada.doc));
    back.code.insert(back.code.length, 'offline = True\n');
    await back.ready;
    await back.acknowledged();
    await until(() => grace.code.toString() === 'after = True\noffline = True\n', 5000, 'grace sees both edits');
    expect(server().getText('code').toString()).toBe('after = True\noffline = True\n');
    expect(refusals).toEqual([]);
  }, 30_000);
});
