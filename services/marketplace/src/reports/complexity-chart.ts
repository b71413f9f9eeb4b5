/** The complexity chart: measured points (time per call against n) and the fitted curve. */
import { evaluateCurve, isComplexityClass, type ComplexityClass } from '@duet/sdk/judge';
import type { ReportComplexityAxis } from '@duet/sdk/metrics';
import { svgText, ticks } from './svg.js';

const W = 250;
const H = 170;
const LEFT = 44;
const BOTTOM = 26;
const TOP = 16;
const RIGHT = 16;

export function complexitySvg(axis: ReportComplexityAxis, title: string, unit: string): string {
  const points = axis.points.filter((p) => Number.isFinite(p.n) && Number.isFinite(p.value));
  const nMax = Math.max(1, ...points.map((p) => p.n));
  const curveClass = axis.curve.class as ComplexityClass;
  const curve = isComplexityClass(curveClass) ? { ...axis.curve, class: curveClass } : undefined;
  const samples = curve ? Array.from({ length: 41 }, (_, i) => ({ n: (nMax * i) / 40, value: evaluateCurve(curve, Math.max(1, (nMax * i) / 40)) })) : [];
  const vMax = Math.max(1e-12, ...points.map((p) => p.value), ...samples.map((s) => s.value).filter(Number.isFinite));
  const xT = ticks(nMax, 4);
  const yT = ticks(vMax, 4);
  const xm = xT[xT.length - 1] || 1;
  const ym = yT[yT.length - 1] || 1;
  const x = (n: number) => LEFT + (n / xm) * (W - LEFT - RIGHT);
  const y = (v: number) => H - BOTTOM - (Math.max(0, Math.min(v, ym)) / ym) * (H - BOTTOM - TOP);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`, svgText(LEFT, 10, `${title}: ${axis.class} (confidence ${Math.round(axis.confidence * 100)}%)`, 'font-weight="bold"')];
  for (const v of yT) parts.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb" stroke-width="0.5"/>`, svgText(LEFT - 3, y(v) + 3, short(v), 'text-anchor="end"'));
  for (const n of xT) parts.push(svgText(x(n), H - BOTTOM + 11, short(n), 'text-anchor="middle"'));
  parts.push(svgText(W - RIGHT, H - 4, 'n', 'text-anchor="end"'), svgText(2, TOP - 2, unit));
  parts.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${H - BOTTOM}" y2="${H - BOTTOM}" stroke="#6b7280"/>`, `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${H - BOTTOM}" stroke="#6b7280"/>`);
  if (samples.length) parts.push(`<polyline fill="none" stroke="#d97706" stroke-width="1.5" points="${samples.map((s) => `${x(s.n).toFixed(1)},${y(s.value).toFixed(1)}`).join(' ')}"/>`);
  for (const p of points) parts.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="#2563eb"/>`);
  parts.push('</svg>');
  return parts.join('');
}

function short(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(v / 1e3).toPrecision(3)}k`;
  if (abs < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}
