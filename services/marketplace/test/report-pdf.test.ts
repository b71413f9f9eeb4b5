/**
 * The report PDF, rendered from a report built from a real (simulated with Yjs) timeline, checked
 * the way a reader would: its text (pdftotext) and its pages as images (pdftoppm), not blank.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildReport, withoutNotes, type RoomReport } from '@duet/sdk/metrics';
import { renderReportPdf } from '../src/reports/render-pdf.js';
import { HELPER, interviewReport, NOTES } from './support/report-session.js';

const run = promisify(execFile);

/** Share of pixels darker than near-white in a binary PGM (P5) image. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const v of pixels) if (v < 200) ink++;
  return ink / pixels.length;
}

describe('the report PDF', () => {
  let dir: string;
  let report: RoomReport;
  let text: string;
  let pages: Buffer[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
    report = interviewReport();
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(join(dir, 'report.pdf'), pdf);
    await run('pdftotext', ['-layout', join(dir, 'report.pdf'), join(dir, 'report.txt')]);
    text = await readFile(join(dir, 'report.txt'), 'utf8');
    await run('pdftoppm', ['-gray', '-r', '40', join(dir, 'report.pdf'), join(dir, 'page')]);
    const files = (await readdir(dir)).filter((f) => f.startsWith('page')).sort();
    pages = await Promise.all(files.map((f) => readFile(join(dir, f))));
    if (process.env.REPORT_PDF_OUT) await writeFile(process.env.REPORT_PDF_OUT, pdf);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('has the candidate, the problem, the outcome and the summary', () => {
    expect(text).toContain('Duet interview report');
    expect(text).toContain('Ada Lovelace · Two Sum');
    expect(text).toContain('Outcome: accepted (12/12 tests)');
    expect(text).toMatch(/Time to first run\s+\d+ (s|min)/);
    expect(text).toMatch(/Final code from pastes\s+\d+\.\d%/);
    expect(text).toContain('slower than expected');
  });

  test('has the runs with verdicts, the signals with evidence and the leads-not-verdicts notice', () => {
    expect(text).toMatch(/1\s+sample\s+Ada Lovelace\s+\+[^\n]*WA\s+1\/2/);
    expect(text).toMatch(/3\s+submit\s+Ada Lovelace\s+\+[^\n]*AC\s+12\/12\s+O\(n\^2\)/);
    expect(text).toContain('Signals are leads, not verdicts');
    expect(text).toContain('External paste of');
    expect(text).toContain('Tab hidden for 1 min 35 s');
    expect(text).toContain('characters inserted at once without a paste event');
    expect(text).toContain('Code before');
    expect(text).toContain('def index_of(values):');
    expect(HELPER).toContain('def index_of(values):');
  });

  test('has collaboration shares, the notes, similarity, the final code and the diffs', () => {
    expect(text).toMatch(/Grace Hopper\s+interviewer\s+\d+\s+\d+\.\d%/);
    expect(text).toContain("Interviewers' notes");
    for (const line of NOTES.trim().split('\n')) expect(text).toContain(line);
    expect(text).toContain('room_other_7 (B. Liskov)');
    expect(text).toContain('room_other_7 (B. Liskov), lines 10–13');
    expect(text).toContain('for b in range(a + 1, len(xs)):');
    expect(text).toContain('Final code');
    expect(text).toContain('return [i, j]');
    expect(text).toContain('Start to final');
    expect(text).toMatch(/\+\s*# could a dict make this O\(n\)\?/);
  });

  test('pages render with ink on every one, and the charts draw', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(inkShare(page)).toBeGreaterThan(0.005);
    console.log(`report PDF: ${pages.length} pages, ink ${pages.map((p) => (inkShare(p) * 100).toFixed(1) + '%').join(' ')}`);
  });

  test('an empty room renders too', async () => {
    const pdf = await renderReportPdf(buildReport({ room: { id: 'room_empty' }, problem: { id: 'p', title: 'Empty' }, timeline: { updates: [], snapshots: [] } }));
    await writeFile(join(dir, 'empty.pdf'), pdf);
    const { stdout } = await run('pdftotext', [join(dir, 'empty.pdf'), '-']);
    expect(stdout).toContain('no activity recorded');
    expect(stdout).toContain('Outcome: no runs');
    expect(stdout).toContain('No signals.');
  });

  test('without the notes, nothing of them reaches the PDF', async () => {
    const pdf = await renderReportPdf(withoutNotes(report));
    await writeFile(join(dir, 'public.pdf'), pdf);
    const { stdout } = await run('pdftotext', [join(dir, 'public.pdf'), '-']);
    expect(stdout).not.toContain("Interviewers' notes");
    expect(stdout).not.toContain('Ask about the pasted helper');
    expect(stdout).toContain('Ada Lovelace');
  });
});
