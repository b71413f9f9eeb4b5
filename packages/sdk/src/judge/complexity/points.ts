import { ComplexityFitError } from './errors.js';

/** One measurement: the input size and what was measured (seconds, operations or bytes). */
export interface ComplexityPoint {
  n: number;
  value: number;
}

/** How repeated measurements at one size are reduced to one value. */
export type Aggregate = 'huber' | 'median' | 'min' | 'mean';

/** One value per distinct size, floored and strictly positive, sorted by n. */
export interface SizeSample {
  n: number;
  value: number;
  repeats: number;
}

export function validatePoints(points: readonly ComplexityPoint[]): void {
  if (points.length === 0) throw new ComplexityFitError('NO_POINTS', 'no measurements to fit');
  points.forEach((p, i) => {
    if (!Number.isFinite(p.n) || p.n < 1)
      throw new ComplexityFitError('INVALID_POINT', `points[${i}].n must be a finite number ≥ 1, got ${p.n}`);
    if (!Number.isFinite(p.value) || p.value < 0)
      throw new ComplexityFitError('INVALID_POINT', `points[${i}].value must be a finite number ≥ 0, got ${p.value}`);
  });
}

export function median(sorted: readonly number[]): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const mid = Math.floor(m / 2);
  return m % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Huber M-estimate of the centre of the logs: as efficient as the geometric mean under
 * multiplicative noise, yet a spike (a GC pause, a context switch) moves it by at most
 * HUBER_K·spread/m, where the median of few repeats would either ignore or follow it.
 */
function huberLogCentre(values: readonly number[], spread: number): number {
  const logs = values.map(Math.log);
  let centre = median(logs);
  if (spread <= 0) return Math.exp(centre);
  const k = 1.5 * spread;
  for (let round = 0; round < 20; round++) {
    let num = 0, den = 0;
    for (const x of logs) {
      const w = Math.abs(x - centre) <= k ? 1 : k / Math.abs(x - centre);
      num += w * x;
      den += w;
    }
    const next = num / den;
    if (Math.abs(next - centre) < 1e-12) break;
    centre = next;
  }
  return Math.exp(centre);
}

function reduce(values: number[], how: Aggregate, spread: number): number {
  if (how === 'min') return values[0]!;
  if (how === 'mean') return values.reduce((s, v) => s + v, 0) / values.length;
  if (how === 'median') return median(values);
  return huberLogCentre(values, spread);
}

/** Groups measurements by n (values raised to `floor`, which must be > 0) and reduces the repeats. */
export function groupBySize(points: readonly ComplexityPoint[], floor: number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const p of points) {
    const v = Math.max(p.value, floor);
    const g = groups.get(p.n);
    if (g) g.push(v);
    else groups.set(p.n, [v]);
  }
  for (const g of groups.values()) g.sort((x, y) => x - y);
  return groups;
}

export function aggregate(groups: Map<number, number[]>, how: Aggregate): SizeSample[] {
  const spread = logSpread(groups);
  return [...groups.entries()]
    .map(([n, values]) => ({ n, value: reduce(values, how, spread), repeats: values.length }))
    .sort((x, y) => x.n - y.n);
}

/**
 * Deviations from a small group's own median are too small (an odd group always contributes a
 * zero): factors by simulation of Gaussian groups, m = 2…12, then ≈ 1 + 1.4/m.
 */
const MAD_CORRECTION = [1.417, 2.133, 1.386, 1.375, 1.275, 1.223, 1.196, 1.159, 1.148, 1.121, 1.121];
function madCorrection(m: number): number {
  return MAD_CORRECTION[Math.round(m) - 2] ?? 1 + 1.4 / m;
}

/** Robust sigma of one measurement's log, pooled over sizes (MAD around each size's median). */
function logSpread(groups: Map<number, number[]>): number {
  const deviations: number[] = [];
  const sizes: number[] = [];
  for (const values of groups.values()) {
    if (values.length < 2) continue;
    const centre = Math.log(median(values));
    for (const v of values) deviations.push(Math.abs(Math.log(v) - centre));
    sizes.push(values.length);
  }
  if (deviations.length === 0) return 0;
  deviations.sort((x, y) => x - y);
  const m = median(sizes.sort((x, y) => x - y));
  return 1.4826 * median(deviations) * madCorrection(m);
}

/** Variance of each aggregate relative to the mean's σ²/m. */
const EFFICIENCY: Record<Aggregate, number> = { huber: 1.1, median: Math.PI / 2, min: Math.PI / 2, mean: 1 };

/**
 * The relative (log-space) noise of one aggregated value, from the spread of the repeats shrunk
 * by how many repeats the aggregate combines. 0 when there are no repeats or they agree exactly
 * (operation counts, bytes).
 */
export function repeatNoise(groups: Map<number, number[]>, how: Aggregate): number {
  const spread = logSpread(groups);
  if (spread === 0) return 0;
  const m = median([...groups.values()].map((g) => g.length).sort((x, y) => x - y));
  return spread * Math.sqrt(EFFICIENCY[how] / m);
}

/** Log-log slopes between successive sizes: ~0 for O(1), ~1 for O(n), ~2 for O(n^2), rising for O(2^n). */
export function localSlopes(samples: readonly SizeSample[]): number[] {
  const slopes: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    slopes.push(Math.log(b.value / a.value) / Math.log(b.n / a.n));
  }
  return slopes;
}
