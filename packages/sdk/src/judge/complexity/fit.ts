/**
 * Picks the complexity class of a measured cost curve.
 *
 * Why not big_O's least squares on linear n: sizes here grow geometrically (N, 2N, 4N, …), so the
 * curve is judged in log-log space where every doubling weighs the same; each class is fitted as
 * value ≈ a·f(n) + b with a, b ≥ 0 and relative errors (see model-fit.ts); the noise level comes
 * from the spread of repeats and the residuals of the best fit; classes are compared by their
 * standardised loss plus a penalty for parameters and for being more expensive, so the simpler
 * class wins a tie; the confidence is the winner's share of the evidence (Akaike weights), damped
 * when there are few sizes or the data is noisy.
 */
import { COMPLEXITY_CLASSES, type ComplexityClass, complexityRank } from './classes.js';
import { ComplexityFitError } from './errors.js';
import { type ClassFit, EXPONENTIAL_MAX_N, fitClass } from './model-fit.js';
import {
  type Aggregate,
  type ComplexityPoint,
  type SizeSample,
  aggregate,
  groupBySize,
  localSlopes,
  median,
  repeatNoise,
  validatePoints,
} from './points.js';

export interface FitOptions {
  /**
   * How repeats at one size are reduced: `huber` (default: a robust mean of the logs), `median`,
   * `min` (wall time when its noise only ever adds) or `mean`.
   */
  aggregate?: Aggregate;
  /**
   * Values below this absolute floor are raised to it, so measurement dust (a few bytes of
   * allocator noise, a timer's resolution) reads as constant. Same unit as the values; e.g. 1024
   * for tracemalloc bytes. Default 0: only zeros are lifted (to half the smallest positive value).
   */
  floor?: number;
  /** Restrict the candidate classes (default: all seven). */
  classes?: readonly ComplexityClass[];
  /** The smallest relative noise assumed, so exact data does not make every difference decisive. Default 0.02. */
  minNoise?: number;
}

/** value ≈ a·f(n) + b, with f(n) = base^n for O(2^n) (base defaults to 2). */
export interface ComplexityCurve {
  class: ComplexityClass;
  a: number;
  b: number;
  base?: number;
}

export interface ComplexityCandidate {
  class: ComplexityClass;
  /** Share of the evidence in [0, 1]; candidates' scores sum to 1. */
  score: number;
  /** Root-mean-square relative (log) error of the class's best curve. */
  error: number;
}

export interface ComplexityFit {
  class: ComplexityClass;
  /** In [0, 1]: the winner's share of the evidence, damped for few sizes and for noise. */
  confidence: number;
  curve: ComplexityCurve;
  /** Every class considered, best first. */
  candidates: ComplexityCandidate[];
  /** The measurements as given (all repeats). */
  points: ComplexityPoint[];
  /** One aggregated value per size, after the floor. */
  samples: SizeSample[];
  /** Log-log slopes between successive sizes. */
  slopes: number[];
  /** The relative noise used to judge the fits (log-space sigma of one aggregated value). */
  noise: number;
}

/**
 * Per free parameter beyond the first. Stricter than AIC's 2: noise alone must rarely make
 * constant data look like growth (O(1) → O(log n) costs 4 + 1, a false alarm rate of ~2%).
 */
const PARAM_PENALTY = 4;
/** Per step up the class order: a tie goes to the cheaper class. */
const RANK_PENALTY = 1;
/** Noise at which the confidence is halved by the noise damping alone. */
const NOISE_HALF = 0.5;

function penalty(fit: ClassFit): number {
  return PARAM_PENALTY * (fit.params - 1) + RANK_PENALTY * complexityRank(fit.class);
}

/** Few sizes cannot rule much out: 2 sizes → 0.75, 4 → 0.94, 6 → 0.98. */
function sizesDamping(sizes: number): number {
  return 1 - 0.5 ** sizes;
}

function rms(residuals: readonly number[]): number {
  return Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / Math.max(1, residuals.length));
}

/** Robust residual scale of a fit, corrected for the parameters it spent. */
function residualScale(fit: ClassFit): number {
  const m = fit.residuals.length;
  const dof = Math.max(1, m - fit.params);
  const abs = fit.residuals.map(Math.abs).sort((x, y) => x - y);
  return 1.4826 * median(abs) * Math.sqrt(m / dof);
}

function constantFit(points: ComplexityPoint[], samples: SizeSample[], value: number): ComplexityFit {
  return {
    class: 'O(1)',
    confidence: sizesDamping(samples.length),
    curve: { class: 'O(1)', a: 0, b: value },
    candidates: [{ class: 'O(1)', score: 1, error: 0 }],
    points,
    samples,
    slopes: localSlopes(samples),
    noise: 0,
  };
}

export function fitComplexity(points: readonly ComplexityPoint[], opts: FitOptions = {}): ComplexityFit {
  validatePoints(points);
  const given = points.map((p) => ({ n: p.n, value: p.value }));
  const positives = given.map((p) => p.value).filter((v) => v > 0);
  const floor = opts.floor && opts.floor > 0 ? opts.floor : positives.length ? Math.min(...positives) / 2 : 1;
  const groups = groupBySize(given, floor);
  const samples = aggregate(groups, opts.aggregate ?? 'huber');
  if (samples.length < 2)
    throw new ComplexityFitError('TOO_FEW_SIZES', `need measurements at 2 or more distinct sizes, got ${samples.length}`);

  const values = samples.map((s) => s.value);
  const lo = Math.min(...values), hi = Math.max(...values);
  if (hi <= lo * (1 + 1e-9)) return constantFit(given, samples, median(values.slice().sort((x, y) => x - y)));

  const nMax = samples[samples.length - 1]!.n;
  const classes = (opts.classes ?? COMPLEXITY_CLASSES).filter((c) => c !== 'O(2^n)' || nMax <= EXPONENTIAL_MAX_N);
  if (classes.length === 0) throw new ComplexityFitError('INVALID_POINT', 'no candidate class applies to these sizes');
  const hasConstant = classes.includes('O(1)');
  const score = (f: ClassFit) => f.loss + penalty(f);

  // Pass 1 with the noise the repeats show; pass 2 with at least what the best fit leaves over.
  const noiseFloor = Math.max(opts.minNoise ?? 0.02, repeatNoise(groups, opts.aggregate ?? 'huber'));
  // The residual scale of the closest-fitting class (not of the winner: a wrong winner's misfit
  // would inflate the noise and so excuse itself) covers deviations repeats cannot show.
  const first = classes.map((c) => fitClass(c, samples, noiseFloor)).filter((f) => Number.isFinite(f.loss));
  const leftover = Math.min(...first.map(residualScale));
  const noise = Math.max(noiseFloor, Number.isFinite(leftover) ? leftover : 0);
  const fits = classes
    .map((c) => fitClass(c, samples, noise))
    .filter((f) => Number.isFinite(f.loss) && !(hasConstant && f.collapsed));

  const scores = fits.map(score);
  const bestScore = Math.min(...scores);
  const weights = scores.map((s) => Math.exp(-(s - bestScore) / 2));
  const total = weights.reduce((s, w) => s + w, 0);
  const ranked = fits
    .map((f, i) => ({ fit: f, score: weights[i]! / total }))
    .sort((x, y) => y.score - x.score || complexityRank(x.fit.class) - complexityRank(y.fit.class));
  const winner = ranked[0]!;
  const confidence = winner.score * sizesDamping(samples.length) / (1 + (noise / NOISE_HALF) ** 2);
  const w = winner.fit;
  return {
    class: w.class,
    confidence: Math.min(1, Math.max(0, confidence)),
    curve: { class: w.class, a: w.a, b: w.b, ...(w.base !== undefined ? { base: w.base } : {}) },
    candidates: ranked.map((r) => ({ class: r.fit.class, score: r.score, error: rms(r.fit.residuals) })),
    points: given,
    samples,
    slopes: localSlopes(samples),
    noise,
  };
}
