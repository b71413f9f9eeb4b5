/**
 * The report as a pdfmake document: candidate and problem, outcome, metrics, the timeline chart,
 * runs, the complexity chart, signals with their evidence, collaboration shares, the interviewers'
 * notes, the final code coloured by author, and the key diffs. Pure: no fonts, no I/O.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatDuration, type RoomReport, type Signal } from '@duet/sdk/metrics';
import { complexitySvg } from './complexity-chart.js';
import { clipLines, codeBlock, diffBlock, table } from './pdf-blocks.js';
import { PALETTE, STARTER_COLOUR } from './svg.js';
import { timelineSvg } from './timeline-chart.js';

const minutes = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatDuration(ms));
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const clock = (report: RoomReport, at: number) => `+${formatDuration(Math.max(0, at - report.timeline.start))}`;

export function authorColours(report: RoomReport): Map<string, string> {
  const colours = new Map<string, string>([['duet', STARTER_COLOUR]]);
  const people = [...report.participants].sort((a, b) => (a.role === 'candidate' ? -1 : 0) - (b.role === 'candidate' ? -1 : 0));
  people.forEach((p, i) => colours.set(p.id, PALETTE[i % PALETTE.length]!));
  for (const c of report.metrics.contributions) if (!colours.has(c.author)) colours.set(c.author, PALETTE[colours.size % PALETTE.length]!);
  return colours;
}

const nameOf = (report: RoomReport, id: string) => (id === 'duet' ? 'starter code' : (report.participants.find((p) => p.id === id)?.name ?? id));

function signalBlock(report: RoomReport, s: Signal, n: number): Content {
  const e = s.evidence;
  const stack: Content[] = [
    { text: `${n}. ${s.summary}${s.classification ? ` (${s.classification})` : ''}`, bold: true },
    { text: `${s.user === '*' ? 'everyone' : nameOf(report, s.user)} · at ${clock(report, s.at)}${e.durationMs !== undefined ? ` · lasted ${formatDuration(e.durationMs)}` : ''}`, fontSize: 8, color: '#6b7280' },
    { text: `Why: ${e.reason}.`, fontSize: 8.5 },
  ];
  if (e.text !== undefined) stack.push({ text: 'Inserted text:', fontSize: 8, bold: true, margin: [0, 3, 0, 0] }, codeBlock(e.text.length > 1200 ? `${e.text.slice(0, 1200)}…` : e.text));
  if (e.codeBefore !== undefined) stack.push({ columns: [{ stack: [{ text: 'Code before', fontSize: 8, bold: true }, codeBlock(e.codeBefore)] }, { stack: [{ text: 'Code after', fontSize: 8, bold: true }, codeBlock(e.codeAfter ?? '')] }], columnGap: 8 });
  return { stack, margin: [0, 4, 0, 6], unbreakable: stack.length < 4 };
}

export function reportDocument(report: RoomReport): TDocumentDefinitions {
  const m = report.metrics;
  const colours = authorColours(report);
  const candidate = report.candidate?.name ?? report.participants.find((p) => p.role === 'candidate')?.name ?? 'candidate';
  const title = report.problem.title ?? report.problem.id;
  const content: Content[] = [
    { text: 'Duet interview report', style: 'title' },
    { text: `${candidate} · ${title}`, style: 'subtitle' },
    {
      text: `Room ${report.room.id}${report.room.pack ? ` · ${report.room.pack}` : ''}${report.room.mode ? ` · ${report.room.mode} mode` : ''} · ${report.timeline.start > 0 ? `${new Date(report.timeline.start).toISOString().slice(0, 16).replace('T', ' ')} UTC · ${formatDuration(m.durationMs)}` : 'no activity recorded'}`,
      fontSize: 8.5,
      color: '#6b7280',
      margin: [0, 0, 0, 8],
    },
    {
      table: { widths: ['*'], body: [[{ text: `Outcome: ${outcomeText(report)}`, bold: true, fillColor: report.outcome.status === 'accepted' ? '#ecfdf5' : '#fef3c7', margin: [6, 4, 6, 4] }]] },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    { text: 'Summary', style: 'h2' },
    table(['Measure', 'Value', 'Measure', 'Value'], [
      ['Time to first run', minutes(m.timeToFirstRunMs), 'Time to accepted submit', minutes(m.timeToFirstAcceptMs)],
      ['Runs', String(m.runs), 'Submits', String(m.submits)],
      ['Final code from pastes', pct(m.pasteShare), 'Final code from bulk inserts', pct(m.bulkShare)],
      ['Focus losses', `${m.focus.losses} (${formatDuration(m.focus.totalMs)})`, 'Idle stretches', `${m.idle.periods} (${formatDuration(m.idle.totalMs)})`],
      ['Final code', `${m.finalLength} characters`, 'Participants', String(report.participants.length)],
      ['Complexity', { text: complexityText(report), colSpan: 3 }, '', ''],
    ], [120, '*', 120, '*']),
    { text: 'Timeline', style: 'h2' },
    { svg: timelineSvg(report, colours), width: 515 },
    legend(report, colours),
  ];

  content.push({ text: 'Runs', style: 'h2' });
  content.push(
    report.runs.length
      ? table(['#', 'Kind', 'By', 'At', 'Verdict', 'Tests', 'Complexity'], report.runs.map((r, i) => [String(i + 1), r.kind, r.user ? nameOf(report, r.user) : '—', clock(report, r.at), { text: r.verdict ?? 'pending', bold: true, color: r.verdict === 'AC' ? '#047857' : '#b91c1c' }, r.total !== undefined ? `${r.passed ?? 0}/${r.total}` : '—', r.complexity?.time ?? '—']), ['auto', 'auto', '*', 'auto', 'auto', 'auto', 'auto'])
      : { text: 'No runs.', italics: true },
  );

  if (report.complexity?.time || report.complexity?.space) {
    const charts: Content[] = [];
    if (report.complexity.time) charts.push({ svg: complexitySvg(report.complexity.time, 'Time', 's'), width: 250 });
    if (report.complexity.space) charts.push({ svg: complexitySvg(report.complexity.space, 'Space', 'bytes'), width: 250 });
    // One block: the heading never stays behind on the previous page.
    content.push({
      stack: [
        { text: 'Complexity of the final submission', style: 'h2' },
        { columns: charts, columnGap: 12 },
        { text: `Blue points: measured; orange line: fitted curve. ${complexityText(report)}.`, fontSize: 8, color: '#6b7280', margin: [0, 2, 0, 6] },
      ],
      unbreakable: true,
    });
  }

  content.push({ text: 'Signals', style: 'h2' }, { text: report.notice, style: 'notice' });
  content.push(...(report.signals.length ? report.signals.map((s, i) => signalBlock(report, s, i + 1)) : [{ text: 'No signals.', italics: true }]));

  content.push({ text: 'Collaboration', style: 'h2' });
  content.push(table(['Author', 'Role', 'Characters of the final code', 'Share'], m.contributions.map((c) => [{ text: nameOf(report, c.author), color: colours.get(c.author) ?? '#111827', bold: true }, c.role, String(c.chars), pct(c.share)]), ['*', 'auto', 'auto', 'auto']));
  if (m.typing.length) {
    content.push(table(['Typing', 'Keystrokes', 'Chars/min (active)', 'Bursts', 'Longest pause'], m.typing.map((t) => [nameOf(report, t.user), String(t.keystrokes), String(t.charsPerMinute), String(t.bursts), formatDuration(t.longestPauseMs)]), ['*', 'auto', 'auto', 'auto', 'auto']));
  }

  if (report.notes !== undefined) {
    content.push({ text: "Interviewers' notes", style: 'h2' }, { text: 'Confidential: never shown to the candidate.', style: 'notice' }, { text: report.notes.trim() || '(empty)', margin: [0, 2, 0, 8], preserveLeadingSpaces: true });
  }

  if (report.similarity.length) {
    content.push({ text: 'Similarity to other submissions', style: 'h2' }, { text: 'Similarity, not plagiarism: correct solutions to a small problem resemble each other. Compare the matched regions side by side.', style: 'notice' });
    content.push(table(['Submission', 'Score', 'Matched regions (this vs other, lines)'], report.similarity.map((s) => [s.label ?? s.id, pct(s.score), s.regions.map((r) => `${r.submission.startLine}–${r.submission.endLine} vs ${r.other.startLine}–${r.other.endLine}`).join(', ') || '—']), ['*', 'auto', '*']));
    // The closest match's regions side by side (the three longest).
    const top = report.similarity[0]!;
    const regions = [...top.regions].sort((a, b) => b.submission.endLine - b.submission.startLine - (a.submission.endLine - a.submission.startLine)).slice(0, 3);
    for (const r of regions) {
      if (r.submission.text === undefined) continue;
      content.push({
        columns: [
          { stack: [{ text: `This submission, lines ${r.submission.startLine}–${r.submission.endLine}`, fontSize: 8, bold: true }, codeBlock(clipLines(r.submission.text, 15))] },
          { stack: [{ text: `${top.label ?? top.id}, lines ${r.other.startLine}–${r.other.endLine}`, fontSize: 8, bold: true }, codeBlock(clipLines(r.other.text ?? '', 15))] },
        ],
        columnGap: 8,
      });
    }
  }

  content.push({ text: 'Final code', style: 'h2', pageBreak: 'before' }, { text: 'Coloured by who wrote each character (see the legend).', fontSize: 8, color: '#6b7280' }, legend(report, colours));
  const spans = report.finalAuthorship;
  let cursor = 0;
  content.push(
    codeBlock(report.finalCode, (offset) => {
      while (cursor > 0 && spans[cursor]!.from > offset) cursor--;
      while (cursor < spans.length - 1 && spans[cursor]!.to <= offset) cursor++;
      return colours.get(spans[cursor]?.author ?? '') ?? '#111827';
    }, true),
  );

  if (report.diffs.firstToFinal || report.diffs.betweenRuns.length) {
    content.push({ text: 'Key diffs', style: 'h2' });
    if (report.diffs.firstToFinal) content.push({ text: `Start to final (+${report.diffs.firstToFinal.added} −${report.diffs.firstToFinal.removed} lines)`, style: 'h3' }, diffBlock(report.diffs.firstToFinal.unified));
    for (const d of report.diffs.betweenRuns) content.push({ text: `${d.from} to ${d.to} (+${d.added} −${d.removed} lines)`, style: 'h3' }, diffBlock(d.unified));
  }

  return {
    info: { title: `Duet report: ${candidate}, ${title}`, subject: `room ${report.room.id}`, creator: 'Duet' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 12, margin: [0, 2, 0, 2] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 9.5, bold: true, margin: [0, 4, 0, 2] },
      th: { bold: true, fontSize: 8.5, color: '#374151' },
      notice: { fontSize: 8.5, italics: true, color: '#92400e', margin: [0, 0, 0, 6] },
    },
    footer: (page: number, pages: number) => ({ text: `Duet report · room ${report.room.id} · page ${page} of ${pages}`, alignment: 'center', fontSize: 7.5, color: '#9ca3af', margin: [0, 12, 0, 0] }),
    content,
  };
}

function legend(report: RoomReport, colours: Map<string, string>): Content {
  const entries = [...colours].filter(([id]) => id === 'duet' || report.participants.some((p) => p.id === id) || report.metrics.contributions.some((c) => c.author === id));
  return { text: entries.flatMap(([id, colour]) => [{ text: '■ ', color: colour }, { text: `${nameOf(report, id)}    ` }]), fontSize: 8, margin: [0, 2, 0, 6] };
}

function outcomeText(report: RoomReport): string {
  const o = report.outcome;
  const tests = o.total !== undefined ? ` (${o.passed ?? 0}/${o.total} tests)` : '';
  switch (o.status) {
    case 'accepted':
      return `accepted${tests}`;
    case 'submitted':
      return `submitted, not accepted: ${o.verdict ?? 'no verdict'}${tests}`;
    case 'ran':
      return `ran but never submitted (last verdict ${o.verdict ?? 'none'}${tests})`;
    default:
      return 'no runs';
  }
}

function complexityText(report: RoomReport): string {
  const c = report.metrics.complexity;
  if (!c.measured) return 'not measured';
  const measured = `time ${c.measured.time ?? '?'}, space ${c.measured.space ?? '?'}`;
  if (!c.expected) return measured;
  const verdict = { as_expected: 'as expected', slower_than_expected: 'slower than expected', faster_than_expected: 'faster than expected', unknown: 'not comparable' }[c.verdict];
  return `${measured}: ${verdict} (expected time ${c.expected.time ?? '?'}, space ${c.expected.space ?? '?'})`;
}
