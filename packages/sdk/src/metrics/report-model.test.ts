import { describe, expect, test } from 'vitest';
import { interviewSession, HELPER, STARTER } from '../../test/metrics-fixture.js';
import { buildReport, summarizeReport, withoutNotes } from './report-model.js';
import { notesTimeline } from './simulate.js';
import { encodeTimeline } from './timeline.js';
import { codeDiff } from './diff.js';
import { compareToExpected } from './metrics.js';

describe('buildReport', () => {
  const session = interviewSession();
  const timeline = session.timeline();
  const report = buildReport({
    room: { id: 'room_1', mode: 'interview', pack: '@acme/arrays@1.0.0' },
    problem: { id: 'two-sum', title: 'Two Sum', expected: { time: 'O(n)', space: 'O(n)' } },
    candidate: { id: 'cand', name: 'Ada Lovelace' },
    timeline: encodeTimeline(timeline),
    notes: notesTimeline('intv', 'Strong on loops.\nAsk about hashing.\n', timeline.updates[0]!.at),
    now: 0,
  });
  const m = report.metrics;

  test('times, counts and the outcome', () => {
    expect(report.outcome).toEqual({ status: 'accepted', verdict: 'AC', passed: 10, total: 10 });
    expect(m.runs).toBe(2);
    expect(m.submits).toBe(1);
    expect(m.verdicts).toEqual({ AC: 2 });
    expect(m.timeToFirstRunMs).toBeGreaterThan(20_000);
    expect(m.timeToFirstAcceptMs).toBeGreaterThan(m.timeToFirstRunMs!);
    expect(report.runs.map((r) => [r.kind, r.verdict])).toEqual([['sample', 'AC'], ['submit', 'AC']]);
  });

  test('paste share and contributions come from who inserted each final character', () => {
    const pasted = HELPER.length + 'for i in range(len(nums)):'.length;
    expect(m.pasteShare).toBeCloseTo(pasted / m.finalLength, 5);
    expect(m.bulkShare).toBeCloseTo(64 / m.finalLength, 5);
    const by = Object.fromEntries(m.contributions.map((c) => [c.author, c]));
    expect(by.intv!.chars).toBe('# try a dict\n'.length);
    expect(by.duet!.role).toBe('starter');
    expect(by.duet!.chars).toBe(STARTER.length - 4);
    expect(by.cand!.name).toBe('Ada Lovelace');
    expect(m.contributions.reduce((n, c) => n + c.share, 0)).toBeCloseTo(1, 9);
  });

  test('focus, idle, typing and complexity against the expected', () => {
    expect(m.focus).toMatchObject({ losses: 1, totalMs: 45_000 });
    expect(m.idle.periods).toBe(1);
    expect(m.idle.totalMs).toBeGreaterThan(150_000);
    const cand = m.typing.find((t) => t.user === 'cand')!;
    expect(cand.charsPerMinute).toBeGreaterThan(200); // 180 ms a character ≈ 333 per minute
    expect(cand.charsPerMinute).toBeLessThan(400);
    expect(cand.bursts).toBeGreaterThanOrEqual(1);
    expect(m.complexity).toEqual({ measured: { time: 'O(n^2)', space: 'O(1)' }, expected: { time: 'O(n)', space: 'O(n)' }, verdict: 'slower_than_expected' });
    expect(compareToExpected({ time: 'O(n)' }, { time: 'O(n)' }).verdict).toBe('as_expected');
    expect(compareToExpected(undefined, { time: 'O(n)' }).verdict).toBe('unknown');
  });

  test('notes, diffs, timeline and signals; withoutNotes strips the notes', () => {
    expect(report.notes).toBe('Strong on loops.\nAsk about hashing.\n');
    expect(withoutNotes(report).notes).toBeUndefined();
    expect(JSON.stringify(withoutNotes(report))).not.toContain('Ask about hashing');
    expect(report.diffs.firstToFinal!.unified).toContain('+def index_of(values):');
    expect(report.diffs.firstToFinal!.unified).toContain('-    pass');
    expect(report.diffs.betweenRuns).toHaveLength(1);
    expect(report.diffs.betweenRuns[0]!.unified).toContain('+# try a dict');
    expect(report.timeline.points.map((p) => p.kind)).toContain('bulk-insert');
    expect(report.signals.every((s) => s.evidence.reason.length > 0)).toBe(true);
    expect(report.finalCode).toBe(session.code());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test('an empty room still has a report: no runs, nothing shared, no diffs', () => {
    const empty = buildReport({ room: { id: 'r' }, problem: { id: 'p' }, timeline: { updates: [], snapshots: [] } });
    expect(empty.outcome).toEqual({ status: 'no-runs' });
    expect(empty.metrics).toMatchObject({ runs: 0, finalLength: 0, pasteShare: 0, contributions: [], timeToFirstRunMs: null });
    expect(empty.diffs).toEqual({ betweenRuns: [] });
    expect(empty.finalCode).toBe('');
  });

  test('final authorship is one run per stretch of an author, not one per keystroke', () => {
    expect(report.finalAuthorship.length).toBeLessThan(12);
    expect(report.finalAuthorship.map((r) => report.finalCode.slice(r.from, r.to)).join('')).toBe(report.finalCode);
  });

  test('the webhook summary has counts and no code, evidence or notes', () => {
    const summary = summarizeReport(report);
    expect(summary).toMatchObject({ room: 'room_1', problem: 'two-sum', candidate: 'Ada Lovelace', runs: 2, focusLosses: 1, complexity: 'slower_than_expected' });
    expect(summary.signals).toEqual({ 'external-paste': 1, 'internal-paste': 1, 'bulk-insert': 1, 'focus-loss': 1, idle: 1 });
    const json = JSON.stringify(summary);
    expect(json).not.toContain('def ');
    expect(json).not.toContain('hashing');
  });

  test('codeDiff counts lines', () => {
    const d = codeDiff('a\nb\nc\n', 'a\nB\nc\nd\n', { from: 'x', to: 'y' });
    expect([d.added, d.removed]).toEqual([2, 1]);
    expect(d.unified).toMatch(/^={10,}|^Index|^---/m);
  });
});
