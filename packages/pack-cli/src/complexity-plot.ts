import { type ComplexityClass, evaluateCurve, fitComplexity } from '@duet/sdk/judge';

export interface PlotPoint {
  n: number;
  value: number;
}

export interface PlotOptions {
  /** What the y axis measures, e.g. "seconds". */
  unit: string;
  /** The class whose best curve through the points is drawn. */
  fitted: ComplexityClass;
  rows?: number;
  cols?: number;
}

const POINT = '*';
const CURVE = '.';

/**
 * A log-log scatter of measurements with the chosen class's fitted curve through them, as plain
 * text (~10 rows × 50 columns). The curve is refitted here on the plotted values, so it is in their
 * unit whatever the probe fitted (seconds, operation counts).
 */
export function plotLogLog(points: readonly PlotPoint[], options: PlotOptions): string {
  const rows = options.rows ?? 10;
  const cols = options.cols ?? 50;
  const usable = points.filter((p) => p.n >= 1 && p.value > 0 && Number.isFinite(p.value));
  if (usable.length < 2) return `(too few measurements to plot ${options.unit})\n`;

  const curve = fittedCurve(usable, options.fitted);
  const nLo = Math.log(Math.min(...usable.map((p) => p.n)));
  const nHi = Math.log(Math.max(...usable.map((p) => p.n)));
  const curveValues = curve ? columnsOf(cols).map((c) => evaluateCurve(curve, Math.exp(at(nLo, nHi, c, cols)))) : [];
  const all = [...usable.map((p) => p.value), ...curveValues.filter((v) => v > 0 && Number.isFinite(v))];
  let yLo = Math.log(Math.min(...all));
  let yHi = Math.log(Math.max(...all));
  if (yHi - yLo < 1e-9) [yLo, yHi] = [yLo - 1, yHi + 1];

  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  const cell = (x: number, lo: number, hi: number, size: number) =>
    Math.min(size - 1, Math.max(0, Math.round(((x - lo) / (hi - lo || 1)) * (size - 1))));
  curveValues.forEach((v, c) => {
    if (!(v > 0) || !Number.isFinite(v)) return;
    const r = rows - 1 - cell(Math.log(v), yLo, yHi, rows);
    grid[r]![c] = CURVE;
  });
  for (const p of usable) {
    const r = rows - 1 - cell(Math.log(p.value), yLo, yHi, rows);
    grid[r]![cell(Math.log(p.n), nLo, nHi, cols)] = POINT;
  }

  const top = compact(Math.exp(yHi));
  const bottom = compact(Math.exp(yLo));
  const width = Math.max(top.length, bottom.length);
  const lines = grid.map((row, r) => {
    const label = r === 0 ? top : r === rows - 1 ? bottom : '';
    return `${label.padStart(width)} |${row.join('')}`.trimEnd();
  });
  const nFirst = sizeLabel(Math.exp(nLo));
  const nLast = sizeLabel(Math.exp(nHi));
  lines.push(`${' '.repeat(width)} +${'-'.repeat(cols)}`);
  lines.push(`${' '.repeat(width)}  ${nFirst}${nLast.padStart(cols - nFirst.length)}  n`);
  const legend = curve ? `${POINT} measured, ${CURVE} fitted ${options.fitted}` : `${POINT} measured`;
  return `${options.unit} vs n (log-log; ${legend})\n${lines.join('\n')}\n`;
}

function fittedCurve(points: readonly PlotPoint[], cls: ComplexityClass) {
  try {
    return fitComplexity(points, { classes: [cls] }).curve;
  } catch {
    return null; // e.g. one distinct size: the scatter alone still says something
  }
}

function columnsOf(cols: number): number[] {
  return Array.from({ length: cols }, (_, c) => c);
}

function at(lo: number, hi: number, index: number, size: number): number {
  return lo + ((hi - lo) * index) / Math.max(1, size - 1);
}

/** Sizes are whole numbers: in full up to 10^7, then in exponent notation. */
function sizeLabel(n: number): string {
  return n < 1e7 ? String(Math.round(n)) : compact(n);
}

/** 3 significant digits, exponent notation outside [0.01, 100000). */
export function compact(value: number): string {
  if (value === 0) return '0';
  if (value >= 0.01 && value < 100_000) return Number(value.toPrecision(3)).toString();
  return value.toExponential(1).replace('e+', 'e');
}
