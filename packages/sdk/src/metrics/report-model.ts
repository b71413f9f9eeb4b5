/**
 * The report of a room (issue 10), assembled from its history: everything the PDF, the API and
 * the widget show, as one JSON-serialisable object. Times are epoch ms. It holds the interviewers'
 * notes: never give it to a candidate (`withoutNotes` strips them for any audience but interviewers).
 */
import { authorRuns, type AuthorRun } from './authorship.js';
import { codeDiff, consecutiveDiffs, type CodeDiff } from './diff.js';
import { MetricsError } from './errors.js';
import { SERVICE_AUTHOR, type HistoryOptions, type UpdateRecord } from './history.js';
import { computeMetrics, type RoomMetrics } from './metrics.js';
import { finalText } from './notes.js';
import { createReplay, type JumpPoint } from './replay.js';
import { runsOf } from './runs.js';
import { detectSignals, signalJumpPoints, SIGNALS_NOTICE, type Signal, type SignalOptions } from './signals.js';
import type { SimilarityMatch } from './similarity.js';
import type { Timeline, TimelineJson } from './timeline.js';

export const REPORT_VERSION = 1;

/** A measured complexity axis as the judge reports it (`ComplexityReport` in `@duet/sdk/judge`). */
export interface ReportComplexityAxis {
  class: string;
  confidence: number;
  curve: { class: string; a: number; b: number; base?: number };
  points: Array<{ n: number; value: number }>;
}

export interface ReportInput {
  room: { id: string; org?: string; mode?: string; pack?: string; createdAt?: string; endedAt?: string };
  problem: { id: string; title?: string; expected?: { time?: string; space?: string } };
  candidate?: { id?: string; name: string };
  timeline: Timeline | TimelineJson;
  notes?: Timeline | TimelineJson;
  /** The final submission's complexity analysis, if the judge ran one. */
  complexity?: { time?: ReportComplexityAxis; space?: ReportComplexityAxis };
  similarity?: SimilarityMatch[];
  signalOptions?: SignalOptions;
  historyOptions?: HistoryOptions;
  /** Between-run diffs kept (the largest; default 5). */
  keyDiffs?: number;
  now?: number;
}

export interface ReportRun {
  id: string;
  kind: 'sample' | 'custom' | 'submit';
  user?: string;
  at: number;
  verdict?: string;
  passed?: number;
  total?: number;
  complexity?: { time?: string; space?: string };
}

export interface RoomReport {
  version: typeof REPORT_VERSION;
  generatedAt: number;
  notice: string;
  room: ReportInput['room'];
  problem: ReportInput['problem'];
  candidate?: { id?: string; name: string };
  outcome: { status: 'accepted' | 'submitted' | 'ran' | 'no-runs'; verdict?: string; passed?: number; total?: number };
  metrics: RoomMetrics;
  /** `activity`: characters inserted per author per bucket (`bucketMs` wide, from `start`), for the timeline chart. */
  timeline: { start: number; end: number; points: Array<Omit<JumpPoint, 'event'>>; bucketMs: number; activity: Array<Record<string, number>> };
  complexity?: ReportInput['complexity'] & { verdict: RoomMetrics['complexity']['verdict'] };
  runs: ReportRun[];
  signals: Signal[];
  participants: Array<{ id: string; role: string; name?: string }>;
  /** Interviewers only. */
  notes?: string;
  finalCode: string;
  /** Who wrote each stretch of the final code. */
  finalAuthorship: AuthorRun[];
  diffs: { firstToFinal?: CodeDiff; betweenRuns: CodeDiff[] };
  similarity: SimilarityMatch[];
}

export function buildReport(input: ReportInput): RoomReport {
  if (!input.room?.id || !input.problem?.id) throw new MetricsError('REPORT_INVALID', 'a report needs room.id and problem.id');
  const replay = createReplay(input.timeline, input.historyOptions);
  const signals = detectSignals(replay, input.signalOptions);
  const runs = runsOf(replay);
  const final = replay.final();
  const metrics = computeMetrics({ replay, signals, runs, final, ...(input.problem.expected ? { expected: input.problem.expected } : {}) });

  const lastSubmit = [...runs].reverse().find((r) => r.kind === 'submit' && r.verdict);
  const accepted = runs.some((r) => r.kind === 'submit' && r.verdict === 'AC');
  const last = lastSubmit ?? [...runs].reverse().find((r) => r.verdict);
  const outcome: RoomReport['outcome'] = {
    status: accepted ? 'accepted' : lastSubmit ? 'submitted' : runs.length ? 'ran' : 'no-runs',
    ...(last?.verdict ? { verdict: accepted ? 'AC' : last.verdict } : {}),
    ...(last?.passed !== undefined ? { passed: last.passed } : {}),
    ...(last?.total !== undefined ? { total: last.total } : {}),
  };

  // The code as the room opened (starter code): the first update that wrote any code, else empty.
  const firstCodeIndex = replay.records.findIndex((r) => r.inserted.length > 0);
  const initial = firstCodeIndex >= 0 ? replay.seek({ index: firstCodeIndex }).code : '';
  const between = consecutiveDiffs(runs.map((r, i) => ({ label: `run ${i + 1} (${r.kind}${r.verdict ? `, ${r.verdict}` : ''})`, code: r.code })));
  const keep = input.keyDiffs ?? 5;
  const key = [...between].sort((a, b) => b.added + b.removed - (a.added + a.removed)).slice(0, keep);
  const betweenRuns = between.filter((d) => key.includes(d));

  return {
    version: REPORT_VERSION,
    generatedAt: input.now ?? Date.now(),
    notice: SIGNALS_NOTICE,
    room: input.room,
    problem: input.problem,
    ...(input.candidate ? { candidate: input.candidate } : {}),
    outcome,
    metrics,
    timeline: { start: metrics.start, end: metrics.end, points: signalJumpPoints(replay, signals).map(({ event: _event, ...p }) => p), ...activityOf(replay.records, metrics.start, metrics.end) },
    ...(input.complexity ? { complexity: { ...input.complexity, verdict: metrics.complexity.verdict } } : {}),
    runs: runs.map(({ code: _code, index: _index, resultAt: _resultAt, ...r }) => r),
    signals: signals.signals,
    participants: replay.participants.map((p) => ({ id: p.id, role: p.role, ...(p.name ? { name: p.name } : {}) })),
    ...(input.notes ? { notes: finalText(input.notes) } : {}),
    finalCode: final.code,
    finalAuthorship: authorRuns(final.authorship),
    diffs: { ...(initial !== final.code ? { firstToFinal: codeDiff(initial, final.code, { from: 'start', to: 'final' }) } : {}), betweenRuns },
    similarity: input.similarity ?? [],
  };
}

/** Characters inserted per author in at most ~60 buckets of whole minutes. */
function activityOf(records: readonly UpdateRecord[], start: number, end: number): { bucketMs: number; activity: Array<Record<string, number>> } {
  const bucketMs = Math.max(1, Math.ceil((end - start) / 60 / 60_000)) * 60_000;
  const activity: Array<Record<string, number>> = Array.from({ length: Math.max(1, Math.ceil((end - start + 1) / bucketMs)) }, () => ({}));
  for (const r of records) {
    if (r.author === SERVICE_AUTHOR) continue;
    const chars = r.inserted.reduce((n, i) => n + i.text.length, 0);
    if (!chars) continue;
    const bucket = activity[Math.min(activity.length - 1, Math.max(0, Math.floor((r.at - start) / bucketMs)))]!;
    bucket[r.author] = (bucket[r.author] ?? 0) + chars;
  }
  return { bucketMs, activity };
}

/** The report for an audience that may not read the interviewers' notes. */
export function withoutNotes(report: RoomReport): RoomReport {
  const { notes: _notes, ...rest } = report;
  return rest;
}

/** The summary a `room.ended` webhook carries: no code, no evidence, no notes. */
export interface ReportSummary {
  room: string;
  problem: string;
  candidate?: string;
  outcome: RoomReport['outcome'];
  durationMs: number;
  runs: number;
  submits: number;
  timeToFirstRunMs: number | null;
  timeToFirstAcceptMs: number | null;
  pasteShare: number;
  focusLosses: number;
  /** Signals by kind (external pastes counted apart): leads, not verdicts. */
  signals: Record<string, number>;
  complexity: RoomMetrics['complexity']['verdict'];
  topSimilarity?: { id: string; score: number };
}

export function summarizeReport(report: RoomReport): ReportSummary {
  const signals: Record<string, number> = {};
  for (const s of report.signals) {
    const key = s.kind === 'paste' ? `${s.classification ?? 'external'}-paste` : s.kind;
    signals[key] = (signals[key] ?? 0) + 1;
  }
  const m = report.metrics;
  const top = report.similarity[0];
  return {
    room: report.room.id,
    problem: report.problem.id,
    ...(report.candidate ? { candidate: report.candidate.name } : {}),
    outcome: report.outcome,
    durationMs: m.durationMs,
    runs: m.runs,
    submits: m.submits,
    timeToFirstRunMs: m.timeToFirstRunMs,
    timeToFirstAcceptMs: m.timeToFirstAcceptMs,
    pasteShare: m.pasteShare,
    focusLosses: m.focus.losses,
    signals,
    complexity: m.complexity.verdict,
    ...(top ? { topSimilarity: { id: top.id, score: top.score } } : {}),
  };
}
