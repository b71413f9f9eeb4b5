/**
 * The real service's timeline, read through its API, replays in `@duet/sdk/metrics`: the code at
 * each moment, who wrote what, pastes and the report, from what Hocuspocus actually recorded.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, createReplay, detectSignals, type TimelineJson } from '@duet/sdk/metrics';
import { joinRoom, roomSigner, startCollab, until } from './support.js';

const SECRET = 'collab-test-secret-0123456789';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the recorded timeline through @duet/sdk/metrics', () => {
  it('replays with authorship, paste signals and a report', async () => {
    const signer = await roomSigner();
    const { url } = await startCollab(signer);
    const http = url.replace('ws://', 'http://');
    const ada = joinRoom(url, 'room:r1', await signer.token({ room: 'r1', sub: 'ada', name: 'Ada' }));
    const grace = joinRoom(url, 'room:r1', await signer.token({ room: 'r1', sub: 'grace', name: 'Grace', role: 'interviewer' }));
    await Promise.all([ada.ready, grace.ready]);
    const post = (events: unknown[]) =>
      fetch(`${http}/v1/rooms/r1/events`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

    for (const ch of 'def f(xs):\n    return sorted(xs)\n') {
      ada.code.insert(ada.code.length, ch);
      await pause(2);
    }
    await ada.acknowledged();
    expect((await post([{ type: 'run', at: new Date().toISOString(), run: 'run_1', kind: 'sample', user: 'ada' }])).status).toBe(200);
    await until(() => grace.code.length > 0 && grace.code.toString() === ada.code.toString(), 5000, 'grace sees the code');
    for (const ch of '# why sorted?\n') {
      grace.code.insert(grace.code.toString().indexOf('def'), ch);
      await pause(2);
    }
    await grace.acknowledged();
    await until(() => ada.code.toString().startsWith('# why sorted?'), 5000, 'ada sees the comment');
    const pasted = '\ndef g(xs):\n    return [x * x for x in xs if x % 2 == 0]\n';
    const at = ada.code.length;
    ada.code.insert(at, pasted);
    ada.doc.getArray('events').push([{ type: 'paste', at: new Date().toISOString(), user: 'ada', size: pasted.length, range: { from: at, to: at }, text: pasted }]);
    await ada.acknowledged();
    expect((await post([{ type: 'result', at: new Date().toISOString(), run: 'run_1', verdict: 'AC', passed: 2, total: 2 }])).status).toBe(200);
    await until(() => grace.doc.getArray('events').length >= 5, 5000, 'the events reach grace');

    const timeline = (await (await fetch(`${http}/v1/rooms/r1/timeline`, { headers: { authorization: `Bearer ${SECRET}` } })).json()) as TimelineJson;
    const replay = createReplay(timeline, { checkpointEvery: 10 });
    const final = replay.final();
    expect(final.code).toBe(ada.code.toString());
    const by = (author: string) => final.authorship.filter((s) => s.author === author).map((s) => final.code.slice(s.from, s.to)).join('');
    expect(by('grace')).toBe('# why sorted?\n');
    expect(by('ada')).toBe(`def f(xs):\n    return sorted(xs)\n${pasted}`);

    const run = replay.jumpPoints.find((p) => p.kind === 'run')!;
    expect(replay.seek({ index: run.index }).code).toBe('def f(xs):\n    return sorted(xs)\n');
    expect(replay.jumpPoints.map((p) => p.kind)).toEqual(expect.arrayContaining(['join', 'run', 'paste', 'verdict']));

    const { signals, pasteUpdates } = detectSignals(replay);
    expect(signals.filter((s) => s.kind === 'paste').map((s) => [s.classification, s.evidence.text])).toEqual([['external', pasted]]);
    expect(signals.filter((s) => s.kind === 'bulk-insert')).toEqual([]);
    expect(pasteUpdates.size).toBe(1);

    const report = buildReport({ room: { id: 'r1' }, problem: { id: 'p' }, timeline });
    expect(report.metrics.pasteShare).toBeCloseTo(pasted.length / final.code.length, 6);
    expect(report.metrics.contributions.map((c) => c.author).sort()).toEqual(['ada', 'grace']);
    expect(report.outcome).toMatchObject({ status: 'ran', verdict: 'AC' });
  });
});
