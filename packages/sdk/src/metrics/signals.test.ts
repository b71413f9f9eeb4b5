import { describe, expect, test } from 'vitest';
import { interviewSession, HELPER } from '../../test/metrics-fixture.js';
import { createReplay } from './replay.js';
import { detectSignals, SIGNALS_NOTICE } from './signals.js';
import { SessionSimulator } from './simulate.js';

describe('detectSignals', () => {
  const replay = createReplay(interviewSession().timeline());
  const { signals, notice, pasteUpdates, bulkUpdates } = detectSignals(replay);

  test('classifies pastes from the history, with the text and the code before and after', () => {
    const pastes = signals.filter((s) => s.kind === 'paste');
    expect(pastes.map((p) => p.classification)).toEqual(['external', 'internal']);
    const external = pastes[0]!;
    expect(external.evidence.text).toBe(HELPER);
    expect(external.evidence.codeBefore).not.toContain('def index_of');
    expect(external.evidence.codeAfter).toContain('def index_of');
    expect(external.evidence.reason).toMatch(/not in this room's code/);
    expect(pastes[1]!.evidence.reason).toMatch(/already in the code/);
    expect(pasteUpdates.size).toBe(2);
  });

  test('flags the large insertion that came without a paste event, and nothing typed', () => {
    const bulk = signals.filter((s) => s.kind === 'bulk-insert');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.evidence.text).toContain('x'.repeat(60));
    expect(bulk[0]!.evidence.reason).toMatch(/no paste/);
    expect(bulkUpdates.size).toBe(1);
  });

  test('focus losses with their duration, idle stretches, and the notice says leads not verdicts', () => {
    const focus = signals.find((s) => s.kind === 'focus-loss')!;
    expect(focus.evidence.durationMs).toBe(45_000);
    expect(focus.summary).toBe('Tab hidden for 45 s');
    expect(signals.filter((s) => s.kind === 'idle').map((s) => s.evidence.durationMs)).toEqual([expect.any(Number)]);
    expect(notice).toBe(SIGNALS_NOTICE);
    expect(notice).toMatch(/leads, not verdicts/);
  });

  test('an internal paste of text that was deleted earlier is internal; pasting outside text with a lying hint stays external', () => {
    const s = new SessionSimulator();
    s.open({}, '');
    s.join('c', 'C', 'candidate');
    s.type('c', 'value = compute(items)');
    s.erase('c', 0, s.code().length);
    s.paste('c', 'value = compute(items)');
    s.paste('c', '\nimport antigravity\n', { copiedInRoom: true });
    const out = detectSignals(createReplay(s.timeline())).signals.filter((x) => x.kind === 'paste');
    expect(out.map((x) => x.classification)).toEqual(['internal', 'external']);
    expect(out[0]!.evidence.reason).toMatch(/since deleted/);
    expect(out[1]!.evidence.reason).toMatch(/not confirmed by the history/);
  });

  test('code excerpts stop after maxCodeEvidence signals; the signals themselves do not', () => {
    const s = new SessionSimulator();
    s.open({}, '');
    s.join('c', 'C', 'candidate');
    for (let i = 0; i < 5; i++) s.bulkInsert('c', `# block ${i} ${'y'.repeat(50)}\n`);
    const out = detectSignals(createReplay(s.timeline()), { maxCodeEvidence: 2 }).signals;
    expect(out).toHaveLength(5);
    expect(out.map((x) => x.evidence.codeAfter !== undefined)).toEqual([true, true, false, false, false]);
    expect(out.every((x) => x.evidence.text?.startsWith('# block'))).toBe(true);
  });

  test('a paste event claiming another participant is attributed to whoever appended it', () => {
    const s = new SessionSimulator();
    s.open({}, '');
    s.join('c', 'C', 'candidate').join('i', 'I', 'interviewer');
    s.wait(1000);
    s.bulkInsert('c', 'print("hello from somewhere else entirely")\n');
    // The candidate's editor appends a paste event naming the interviewer.
    (s as unknown as { event(e: unknown, by: string): void }).event({ type: 'paste', at: new Date(s.now).toISOString(), user: 'i', size: 44, range: { from: 0, to: 0 }, text: 'print("hello from somewhere else entirely")\n' }, 'c');
    const out = detectSignals(createReplay(s.timeline())).signals;
    expect(out.filter((x) => x.kind === 'paste').map((x) => x.user)).toEqual(['c']);
    expect(out.filter((x) => x.kind === 'bulk-insert')).toEqual([]); // the candidate's own insertion carried it
  });
});
