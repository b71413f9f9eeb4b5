/**
 * A small chart of the complexity probe's time measurements: the points (input size n, CPU seconds)
 * and the fitted curve of the reported class. The growth functions repeat `logGrowth` of
 * `@duet/sdk/judge` in a few lines: that entry carries zod, more than the widget's size budget allows.
 */
import { svg, html } from 'lit';
import type { RunResult } from '../api/types.js';

type Report = NonNullable<RunResult['complexity']>;

const WIDTH = 240;
const HEIGHT = 96;
const PAD = 6;

export function growth(cls: string, n: number, base = 2): number {
  const log = Math.log2(Math.max(n, 1));
  switch (cls) {
    case 'O(1)': return 1;
    case 'O(log n)': return log;
    case 'O(n)': return n;
    case 'O(n log n)': return n * log;
    case 'O(n^2)': return n * n;
    case 'O(n^3)': return n * n * n;
    case 'O(2^n)': return base ** n;
    default: return n;
  }
}

export function complexityChart(report: Report) {
  const points = report.time.points.filter((p) => p.n > 0 && Number.isFinite(p.seconds));
  if (points.length < 2) return html``;
  const { curve } = report.time;
  const maxN = Math.max(...points.map((p) => p.n));
  const fitted = (n: number) => curve.a * growth(curve.class, n, curve.base) + curve.b;
  const samples = Array.from({ length: 40 }, (_, i) => ((i + 1) / 40) * maxN);
  const maxY = Math.max(...points.map((p) => p.seconds), ...samples.map(fitted).filter(Number.isFinite)) || 1;
  const x = (n: number) => PAD + (n / maxN) * (WIDTH - 2 * PAD);
  const y = (s: number) => HEIGHT - PAD - (Math.max(0, Math.min(s, maxY)) / maxY) * (HEIGHT - 2 * PAD);
  const line = samples.map((n) => `${x(n).toFixed(1)},${y(fitted(n)).toFixed(1)}`).join(' ');
  return html`<figure class="chart" part="complexity-chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width=${WIDTH} height=${HEIGHT} role="img" aria-label=${`CPU time against input size, fitted ${curve.class}`}>
      ${svg`<line x1=${PAD} y1=${HEIGHT - PAD} x2=${WIDTH - PAD} y2=${HEIGHT - PAD} class="axis"></line>
        <line x1=${PAD} y1=${PAD} x2=${PAD} y2=${HEIGHT - PAD} class="axis"></line>
        <polyline points=${line} class="fit"></polyline>
        ${points.map((p) => svg`<circle cx=${x(p.n).toFixed(1)} cy=${y(p.seconds).toFixed(1)} r="2.5" class="point"></circle>`)}`}
    </svg>
    <figcaption class="muted">CPU time vs n (up to ${maxN.toLocaleString('en')}), fitted ${curve.class}</figcaption>
  </figure>`;
}
