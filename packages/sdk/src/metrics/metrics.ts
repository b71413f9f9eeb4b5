/**
 * A room's metrics (issue 10), all from its history: times to the first run and the first
 * accepted submit, counts, the share of the final code that arrived by paste (the final text's
 * characters whose inserting update carried a paste), each participant's share of the final code,
 * focus losses, idle time, typing speed, and the final submission's complexity against the expected.
 */
import { isComplexityClass, compareComplexity } from '../judge/complexity/classes.js';
import { shareByAuthor } from './authorship.js';
import { SERVICE_AUTHOR } from './history.js';
import type { Replay, ReplayFrame } from './replay.js';
import type { RunSummary } from './runs.js';
import type { Signals } from './signals.js';
import { typingStats, type TypingStats } from './typing.js';

export interface Contribution {
  /** A participant's id, or `duet` for the starter code. */
  author: string;
  role: string;
  name?: string;
  chars: number;
  /** Of the final code, 0–1. */
  share: number;
}

export interface ComplexityComparison {
  measured?: { time?: string; space?: string };
  expected?: { time?: string; space?: string };
  /** unknown: no measurement or no expectation to compare with. */
  verdict: 'as_expected' | 'slower_than_expected' | 'faster_than_expected' | 'unknown';
}

export interface RoomMetrics {
  /** Epoch ms: the room's `meta.startedAt`, else its first change. */
  start: number;
  end: number;
  durationMs: number;
  timeToFirstRunMs: number | null;
  timeToFirstAcceptMs: number | null;
  runs: number;
  submits: number;
  verdicts: Record<string, number>;
  finalLength: number;
  /** Share (0–1) of the final code inserted by updates that carried a paste. */
  pasteShare: number;
  /** Share (0–1) of the final code inserted by bulk inserts (no paste event). */
  bulkShare: number;
  contributions: Contribution[];
  focus: { losses: number; totalMs: number; byUser: Record<string, { losses: number; totalMs: number }> };
  idle: { periods: number; totalMs: number };
  typing: TypingStats[];
  complexity: ComplexityComparison;
}

export interface MetricsInput {
  replay: Replay;
  signals: Signals;
  runs: readonly RunSummary[];
  final?: ReplayFrame;
  /** The problem's expected classes (duet.yaml `complexity`). */
  expected?: { time?: string; space?: string };
}

export function computeMetrics({ replay, signals, runs, final = replay.final(), expected }: MetricsInput): RoomMetrics {
  const startedAt = typeof replay.history.meta.startedAt === 'string' ? Date.parse(replay.history.meta.startedAt) : NaN;
  const start = Number.isNaN(startedAt) ? replay.start : startedAt;
  const end = Math.max(replay.end, ...replay.events.map((e) => e.at));
  const firstRun = runs[0];
  const firstAccept = runs.find((r) => r.kind === 'submit' && r.verdict === 'AC');
  const verdicts: Record<string, number> = {};
  for (const r of runs) if (r.verdict) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;

  const length = final.code.length;
  let pasted = 0;
  let bulk = 0;
  for (const span of final.authorship) {
    if (signals.pasteUpdates.has(span.update)) pasted += span.to - span.from;
    if (signals.bulkUpdates.has(span.update)) bulk += span.to - span.from;
  }
  const names = new Map(replay.participants.map((p) => [p.id, p]));
  const contributions = [...shareByAuthor(final.authorship)]
    .map(([author, chars]) => {
      const p = names.get(author);
      const role = author === SERVICE_AUTHOR ? 'starter' : (p?.role ?? final.authorship.find((s) => s.author === author)?.role ?? 'unknown');
      return { author, role, ...(p?.name ? { name: p.name } : {}), chars, share: length ? chars / length : 0 };
    })
    .sort((a, b) => b.chars - a.chars);

  const focus: RoomMetrics['focus'] = { losses: 0, totalMs: 0, byUser: {} };
  const idle = { periods: 0, totalMs: 0 };
  for (const s of signals.signals) {
    if (s.kind === 'focus-loss') {
      const ms = s.evidence.durationMs ?? 0;
      focus.losses++;
      focus.totalMs += ms;
      const u = (focus.byUser[s.user] ??= { losses: 0, totalMs: 0 });
      u.losses++;
      u.totalMs += ms;
    } else if (s.kind === 'idle') {
      idle.periods++;
      idle.totalMs += s.evidence.durationMs ?? 0;
    }
  }

  const lastSubmit = [...runs].reverse().find((r) => r.kind === 'submit' && r.complexity);
  const measured = lastSubmit?.complexity ?? [...runs].reverse().find((r) => r.complexity)?.complexity;
  return {
    start,
    end,
    durationMs: Math.max(0, end - start),
    timeToFirstRunMs: firstRun ? firstRun.at - start : null,
    timeToFirstAcceptMs: firstAccept ? (firstAccept.resultAt ?? firstAccept.at) - start : null,
    runs: runs.length,
    submits: runs.filter((r) => r.kind === 'submit').length,
    verdicts,
    finalLength: length,
    pasteShare: length ? pasted / length : 0,
    bulkShare: length ? bulk / length : 0,
    contributions,
    focus,
    idle,
    typing: typingStats(replay.records, new Set([...signals.pasteUpdates, ...signals.bulkUpdates])),
    complexity: compareToExpected(measured, expected),
  };
}

export function compareToExpected(measured: { time?: string; space?: string } | undefined, expected: { time?: string; space?: string } | undefined): ComplexityComparison {
  const base = { ...(measured ? { measured } : {}), ...(expected ? { expected } : {}) };
  if (!measured || !expected) return { ...base, verdict: 'unknown' };
  let verdict: ComplexityComparison['verdict'] = 'unknown';
  for (const axis of ['time', 'space'] as const) {
    const m = measured[axis];
    const e = expected[axis];
    if (!isComplexityClass(m) || !isComplexityClass(e)) continue;
    const c = compareComplexity(m, e);
    if (c > 0) return { ...base, verdict: 'slower_than_expected' };
    if (c < 0) verdict = 'faster_than_expected';
    else if (verdict === 'unknown') verdict = 'as_expected';
  }
  return { ...base, verdict };
}
