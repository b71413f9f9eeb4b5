import type { ComplexityClass, ComplexityReport } from '@duet/sdk/judge';
import { complexityVerdictText } from '@duet/sdk/pack';
import { compact, plotLogLog } from './complexity-plot.js';

/**
 * The documented JSON of a probe (issue 3): `time` and `space`, each with `class`, `confidence`
 * and `points`, then the extras (`curve`, `expected`, `verdict`, `elapsed_ms`).
 */
export function complexityJson(report: ComplexityReport): Record<string, unknown> {
  const axis = <A extends ComplexityReport['time'] | ComplexityReport['space']>(a: A) => {
    const { class: cls, confidence, points, ...rest } = a;
    return { class: cls, confidence: round(confidence, 3), points, ...rest };
  };
  const out: Record<string, unknown> = { time: axis(report.time), space: axis(report.space) };
  if (report.expected) out.expected = report.expected;
  if (report.verdict) out.verdict = report.verdict;
  out.elapsed_ms = report.elapsed_ms;
  if (report.stopped) out.stopped = report.stopped;
  return out;
}


/** "O(n) (confidence 0.97)". */
function axisText(cls: ComplexityClass, confidence: number): string {
  return `${cls} (confidence ${confidence.toFixed(2)})`;
}

/** A few lines: the classes, what was expected, the verdict and what the analysis covered. */
export function complexitySummary(report: ComplexityReport): string {
  const lines: string[] = [];
  const expected = report.expected;
  const withExpected = (cls: ComplexityClass, confidence: number, exp: ComplexityClass | undefined) =>
    axisText(cls, confidence) + (exp ? `, expected ${exp}` : '');
  lines.push(`time:  ${withExpected(report.time.class, report.time.confidence, expected?.time)}`);
  lines.push(`space: ${withExpected(report.space.class, report.space.confidence, expected?.space)}`);
  if (report.verdict) lines.push(`verdict: ${complexityVerdictText(report.verdict)}`);
  const sizes = [...new Set(report.time.points.map((p) => p.n))].sort((a, b) => a - b);
  const range = sizes.length ? `, n = ${sizes[0]}…${sizes.at(-1)}` : '';
  const stopped = report.stopped ? ` (stopped: ${report.stopped})` : '';
  lines.push(`analysis: ${(report.elapsed_ms / 1000).toFixed(1)} s, ${sizes.length} sizes${range}${stopped}`);
  return lines.join('\n') + '\n';
}

/** The summary plus log-log plots of time (seconds) and auxiliary memory (bytes). */
export function complexityText(report: ComplexityReport): string {
  const time = plotLogLog(
    report.time.points.map((p) => ({ n: p.n, value: p.seconds })),
    { unit: 'seconds', fitted: report.time.class },
  );
  const peak = Math.max(0, ...report.space.points.map((p) => p.bytes));
  const space = plotLogLog(
    report.space.points.map((p) => ({ n: p.n, value: p.bytes })),
    { unit: 'auxiliary bytes', fitted: report.space.class },
  );
  return `${complexitySummary(report)}\n${time}\n${space}peak auxiliary memory: ${compact(peak)} bytes\n`;
}

/** "O(n) / O(1)" for tables. */
export function classesCell(report: ComplexityReport | undefined): string {
  return report ? `${report.time.class} / ${report.space.class}` : '-';
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
