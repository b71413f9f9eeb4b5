/**
 * The timeline chart: characters written per minute by each participant (stacked bars), and the
 * events on a strip below (runs, verdicts, pastes, focus losses, bulk inserts), in minutes from start.
 */
import type { RoomReport } from '@duet/sdk/metrics';
import { PALETTE, svgText, ticks } from './svg.js';

const W = 515;
const H = 198;
const LEFT = 36;
const RIGHT = 8;
const TOP = 18;
const BARS_H = 110;
const STRIP_Y = TOP + BARS_H + 22;

const MARK: Record<string, { colour: string; row: number }> = {
  run: { colour: '#2563eb', row: 0 },
  verdict: { colour: '#059669', row: 0 },
  paste: { colour: '#d97706', row: 1 },
  'bulk-insert': { colour: '#dc2626', row: 1 },
  'focus-loss': { colour: '#7c3aed', row: 2 },
};

export function timelineSvg(report: RoomReport, colours: Map<string, string>): string {
  const { start, end, bucketMs, activity } = report.timeline;
  const span = Math.max(end - start, bucketMs);
  const plotW = W - LEFT - RIGHT;
  const x = (t: number) => LEFT + ((t - start) / span) * plotW;
  const totals = activity.map((b) => Object.values(b).reduce((n, v) => n + v, 0));
  const yTicks = ticks(Math.max(1, ...totals));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const y = (v: number) => TOP + BARS_H - (v / yMax) * BARS_H;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`];
  for (const v of yTicks) {
    parts.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb" stroke-width="0.5"/>`, svgText(LEFT - 4, y(v) + 3, String(v), 'text-anchor="end"'));
  }
  parts.push(svgText(2, TOP - 2, 'chars'));
  const barW = Math.max(1, (bucketMs / span) * plotW - 1);
  activity.forEach((bucket, i) => {
    let stacked = 0;
    for (const [author, chars] of Object.entries(bucket)) {
      const top = y(stacked + chars);
      parts.push(`<rect x="${x(start + i * bucketMs).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(stacked) - top).toFixed(1)}" fill="${colours.get(author) ?? PALETTE[5]}"/>`);
      stacked += chars;
    }
  });
  // Minute axis.
  const minutes = span / 60_000;
  for (const m of ticks(minutes, 6)) {
    if (m > minutes) continue;
    const px = x(start + m * 60_000);
    parts.push(`<line x1="${px}" x2="${px}" y1="${TOP + BARS_H}" y2="${TOP + BARS_H + 3}" stroke="#6b7280"/>`, svgText(px, TOP + BARS_H + 12, `${m} min`, 'text-anchor="middle"'));
  }
  parts.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${TOP + BARS_H}" y2="${TOP + BARS_H}" stroke="#6b7280"/>`);
  // Event strip: three rows.
  ['runs', 'pastes', 'focus'].forEach((label, row) => {
    parts.push(svgText(2, STRIP_Y + row * 12 + 3, label), `<line x1="${LEFT}" x2="${W - RIGHT}" y1="${STRIP_Y + row * 12}" y2="${STRIP_Y + row * 12}" stroke="#f3f4f6"/>`);
  });
  for (const p of report.timeline.points) {
    const mark = MARK[p.kind];
    if (!mark) continue;
    const px = x(p.at);
    const py = STRIP_Y + mark.row * 12;
    if (p.kind === 'verdict') {
      const ok = /^AC\b/.test(p.label);
      parts.push(`<rect x="${(px - 3).toFixed(1)}" y="${py - 3}" width="6" height="6" fill="${ok ? '#059669' : '#dc2626'}"/>`);
    } else parts.push(`<circle cx="${px.toFixed(1)}" cy="${py}" r="3" fill="${mark.colour}"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
