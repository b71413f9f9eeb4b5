/**
 * Fits one class's curve value ≈ a·f(n) + b to aggregated samples, with a ≥ 0 and b ≥ 0.
 *
 * b ≥ 0 is the constant overhead every measurement carries (call, loop setup, allocator slack);
 * keeping it non-negative is what makes classes identifiable: a·f(n) + b can never grow faster
 * than f, so an O(n) curve cannot absorb O(n log n) data and vice versa it bends the wrong way.
 * Errors are relative (noise is multiplicative), minimised by iteratively reweighted least
 * squares with weights 1/ŷ², and outliers are tamed with Huber weights on the log residual.
 */
import { type ComplexityClass, logGrowth } from './classes.js';
import type { SizeSample } from './points.js';

export interface ClassFit {
  class: ComplexityClass;
  /** value ≈ a·f(n) + b in the caller's units (for O(1), a = 0 and b is the constant). */
  a: number;
  b: number;
  /** The exponential class's fitted base (value ≈ a·base^n + b). */
  base?: number;
  /** ln(value) − ln(fitted) per sample. */
  residuals: number[];
  /** Σ huber(residual / sigma): ≈ the sum of squared standardised residuals. */
  loss: number;
  /** Free parameters (O(1): 1, polynomial and log classes: 2, exponential with its base: 3). */
  params: number;
  /** The growth term contributes nothing: the fit is the O(1) fit in disguise. */
  collapsed: boolean;
}

/** Huber threshold in units of sigma. */
const HUBER_K = 2.5;
const IRLS_ROUNDS = 8;
/** Exponential bases tried: naive Fibonacci is ~1.618^n, subset enumeration 2^n, 3-way branching 3^n. */
const MIN_BASE = 1.25;
const MAX_BASE = 4;
const BASE_GRID = 36;
/** No exponential algorithm is measured beyond this size in any time budget (1.25^200 ≈ 10^19). */
export const EXPONENTIAL_MAX_N = 200;

function huberLoss(u: number): number {
  const x = Math.abs(u);
  return x <= HUBER_K ? x * x : 2 * HUBER_K * x - HUBER_K * HUBER_K;
}

/** min Σ w (y − a·g − b)² over a ≥ 0, b ≥ 0 (or b alone when `constant`). */
function nonNegativeLeastSquares(g: number[], y: number[], w: number[], constant: boolean): [number, number] {
  let s1 = 0, sg = 0, sgg = 0, sy = 0, sgy = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w[i]!, gi = g[i]!, yi = y[i]!;
    s1 += wi; sg += wi * gi; sgg += wi * gi * gi; sy += wi * yi; sgy += wi * gi * yi;
  }
  const onlyB: [number, number] = [0, s1 > 0 ? Math.max(0, sy / s1) : 0];
  if (constant) return onlyB;
  const det = sgg * s1 - sg * sg;
  if (det > 1e-12 * sgg * s1) {
    const a = (sgy * s1 - sg * sy) / det;
    const b = (sgg * sy - sg * sgy) / det;
    if (a >= 0 && b >= 0) return [a, b];
  }
  const onlyA: [number, number] = [sgg > 0 ? Math.max(0, sgy / sgg) : 0, 0];
  const cost = ([a, b]: [number, number]) => {
    let c = 0;
    for (let i = 0; i < y.length; i++) c += w[i]! * (y[i]! - a * g[i]! - b) ** 2;
    return c;
  };
  return cost(onlyA) <= cost(onlyB) ? onlyA : onlyB;
}

interface CurveFit {
  a: number;
  b: number;
  residuals: number[];
  loss: number;
  /** Share of the fitted value due to the growth term, per sample. */
  growthShare: number[];
}

/** Fits scaled values y (max 1) against normalised growth g (max 1). */
function fitCurve(g: number[], y: number[], sigma: number, constant: boolean): CurveFit {
  const tiny = 1e-300;
  let fitted = y.slice();
  let huber = y.map(() => 1);
  let a = 0, b = 0;
  let residuals = y.map(() => 0);
  for (let round = 0; round < IRLS_ROUNDS; round++) {
    const w = fitted.map((f, i) => huber[i]! / (f * f));
    [a, b] = nonNegativeLeastSquares(g, y, w, constant);
    fitted = g.map((gi) => Math.max(a * gi + b, tiny));
    residuals = y.map((yi, i) => Math.log(yi) - Math.log(fitted[i]!));
    huber = residuals.map((r) => (Math.abs(r) <= HUBER_K * sigma ? 1 : (HUBER_K * sigma) / Math.abs(r)));
  }
  const loss = residuals.reduce((s, r) => s + huberLoss(r / sigma), 0);
  const growthShare = g.map((gi, i) => (a * gi) / fitted[i]!);
  return { a, b, residuals, loss, growthShare };
}

/** ln f(n) normalised so the largest finite value is 0; f(n) = 0 maps to -Infinity → g = 0. */
function normalisedGrowth(logF: number[]): { g: number[]; logMax: number } {
  const finite = logF.filter((x) => Number.isFinite(x));
  const logMax = finite.length ? Math.max(...finite) : 0;
  return { g: logF.map((x) => (Number.isFinite(x) ? Math.exp(x - logMax) : 0)), logMax };
}

export function fitClass(cls: ComplexityClass, samples: readonly SizeSample[], sigma: number): ClassFit {
  const scale = Math.max(...samples.map((s) => s.value));
  const y = samples.map((s) => s.value / scale);
  const fitWithBase = (base: number) => {
    const { g, logMax } = normalisedGrowth(samples.map((s) => logGrowth(cls, s.n, base)));
    return { fit: fitCurve(g, y, sigma, cls === 'O(1)'), logMax };
  };
  if (cls !== 'O(2^n)') {
    const { fit, logMax } = fitWithBase(2);
    return toClassFit(cls, fit, logMax, scale, cls === 'O(1)' ? 1 : 2);
  }
  // Exponential: search the base on a log grid, then refine by golden section around the best.
  const lnMin = Math.log(MIN_BASE), lnMax = Math.log(MAX_BASE);
  const step = (lnMax - lnMin) / (BASE_GRID - 1);
  let bestLn = lnMin, best = fitWithBase(MIN_BASE);
  for (let i = 1; i < BASE_GRID; i++) {
    const lnB = lnMin + i * step;
    const candidate = fitWithBase(Math.exp(lnB));
    if (candidate.fit.loss < best.fit.loss) [bestLn, best] = [lnB, candidate];
  }
  let lo = Math.max(lnMin, bestLn - step), hi = Math.min(lnMax, bestLn + step);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 24; i++) {
    const m1 = hi - phi * (hi - lo), m2 = lo + phi * (hi - lo);
    if (fitWithBase(Math.exp(m1)).fit.loss <= fitWithBase(Math.exp(m2)).fit.loss) hi = m2;
    else lo = m1;
  }
  const refined = fitWithBase(Math.exp((lo + hi) / 2));
  if (refined.fit.loss < best.fit.loss) [bestLn, best] = [(lo + hi) / 2, refined];
  const result = toClassFit(cls, best.fit, best.logMax, scale, 3);
  result.base = Math.exp(bestLn);
  // A step at the last size is no evidence of exponential growth (one slow measurement makes it)
  // unless that step is steeper than any polynomial class allows.
  if (best.fit.growthShare.filter((s) => s >= 0.5).length < 2 && !steeperThanCubic(samples)) result.loss = Infinity;
  return result;
}

/** The last step grows faster than n^3.5: no polynomial with a non-negative overhead does that. */
function steeperThanCubic(samples: readonly SizeSample[]): boolean {
  const last = samples[samples.length - 1]!, prev = samples[samples.length - 2]!;
  return Math.log(last.value / prev.value) > 3.5 * Math.log(last.n / prev.n);
}

function toClassFit(cls: ComplexityClass, fit: CurveFit, logMax: number, scale: number, params: number): ClassFit {
  return {
    class: cls,
    a: fit.a * scale * Math.exp(-logMax),
    b: fit.b * scale,
    residuals: fit.residuals,
    loss: fit.loss,
    params,
    collapsed: cls !== 'O(1)' && fit.a <= 1e-9 * Math.max(fit.b, 1e-300),
  };
}
