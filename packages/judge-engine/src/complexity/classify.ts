/**
 * From measured sizes to classes.
 *
 * Time has two witnesses. CPU seconds are the truth, work inside C builtins included, but noisy
 * (shared cores, caches). Operation counts are exact: Python line and call events, plus the modelled
 * comparisons of the C builtins that bring a log factor (sorting, heaps, bisect: harness/c_costs.py).
 * A log factor comes only from those counts: on these machines the memory hierarchy alone makes the
 * time per element of O(n) work grow by 2-3.5x from 14k to 228k elements (building a set more than
 * sorting), far more than log n does over the same sizes (1.25x), so timing cannot tell one from
 * the other. Timing decides what it tells well: C work where Python does next to nothing (constant
 * against linear, and a C call's O(log n) against O(1)), and linear work hidden per operation (`x in
 * list`, prepending to a string, slicing), which shows as a cost per operation that keeps growing
 * steeply. Near the thresholds of those tests, where one noisy size would tip the answer between
 * neighbouring classes from pass to pass, the seconds' own fit breaks the tie. Operations too few
 * to matter next to the time (a stdin reader's buffer refills) are no floor.
 *
 * Space: peak auxiliary bytes on the larger sizes, with a 1 KiB floor (allocator and interpreter dust).
 */
import {
  COMPLEXITY_CLASSES,
  type ComplexityAxisReport,
  type ComplexityClass,
  type ComplexityFit,
  type ComplexityPoint,
  compareComplexity,
  complexityRank,
  fitComplexity,
  growth,
} from '@duet/sdk/judge';
import type { ProbePoint } from './probe-protocol.js';

export const SPACE_FLOOR_BYTES = 1024;
/** Allocator granularity (size classes, over-allocation, small-int cache) makes bytes wobble by a few %. */
const SPACE_MIN_NOISE = 0.05;
/** Judged on the larger sizes: fixed buffers (a stdin read chunk) fill up at small n, then stay flat. */
const TAIL_MIN_SIZES = 5;
/** Below this many operations per call, call overhead still dominates the cost per operation. */
const RATIO_MIN_OPS = 2000;
/** Sizes (the largest) over which a cost per unit of work must keep growing to count as a log factor. */
const GROWTH_WINDOW = 6;
/**
 * Per-operation cost slope over the window (and its steadiness) above which work hidden in C
 * builtins is assumed; inside the band the seconds' fit decides (see hiddenWork). Centre 0.17 / 1.
 */
const HIDDEN_SLOPE_BAND = [0.12, 0.22] as const;
const HIDDEN_STEADINESS_BAND = [0.3, 1.3] as const;
const SHALLOW_MIN_STEADINESS = 0.7;
/** Over the last two steps, a slope this steep may be a linear factor of hidden work, not a log. */
const LINEAR_FACTOR_SLOPE = 0.35;
/**
 * The time per unit of the log-factor class must grow at least this steeply for a linear factor
 * the seconds' fit does not confirm (a linear factor: ~0.5-1; a log factor plus cache steps: ≤ 0.35).
 */
const LINEAR_PER_UNIT_SLOPE = 0.42;
/** A lower bound on one Python line or call event's cost (CPython 3.11 on current hardware: 20-60 ns). */
const CHEAPEST_OP_SECONDS = 15e-9;
/** Operations worth less than this share of the time (at that cost) cannot floor its class. */
const OPS_MIN_TIME_SHARE = 0.05;
/**
 * See clearlyGrows: the least growth per doubling of n, over the upper half of the sizes, of an
 * O(log n) C call (bisect on this hardware: 2.5-4 % of its time; an O(1) call with int-size or cache
 * steps: under 0.8 %).
 */
const TINY_LOG_SLOPE = 0.015;
/** See secondsOnly: the least robust log-log slope of a linear (or steeper) time; O(log n) work shows ~0.05. */
const MIN_LINEAR_SLOPE = 0.5;
/** See logFactorSpace: noise (list over-allocation) spreads a log factor's increments by ≤ ~1.5×. */
const LOG_SPACE_MAX_SPREAD = 2;

export interface Classified {
  time: ComplexityAxisReport;
  space: ComplexityAxisReport;
  /** How the time class was chosen, for diagnostics and the benchmark ('test-runs': see cross-check.ts). */
  basis: 'seconds' | 'ops' | 'ops+seconds' | 'test-runs';
  fits: { seconds: ComplexityFit; ops?: ComplexityFit; bytes: ComplexityFit };
}

const axis = (fit: ComplexityFit): ComplexityAxisReport => ({
  class: fit.class,
  confidence: round(fit.confidence, 3),
  curve: { ...fit.curve },
});

export function classify(points: readonly ProbePoint[]): Classified {
  const secondsPoints: ComplexityPoint[] = points.flatMap((p) => p.seconds.map((s) => ({ n: p.n, value: s })));
  const seconds = fitComplexity(secondsPoints, { aggregate: 'min' });
  const counted = points.filter((p) => p.ops !== null && p.ops > 0);
  const ops = distinctSizes(counted) >= 3 ? fitComplexity(counted.map((p) => ({ n: p.n, value: p.ops! }))) : undefined;
  const bytes = fitComplexity(asymptoticTail(points).map((p) => ({ n: p.n, value: p.bytes })), {
    floor: SPACE_FLOOR_BYTES,
    minNoise: SPACE_MIN_NOISE,
  });
  const fits = { seconds, bytes, ...(ops ? { ops } : {}) };
  const space = spaceAxis(bytes, asymptoticTail(points));
  if (!ops || ops.class === 'O(1)') return { time: secondsOnly(seconds, points, secondsPoints), space, basis: 'seconds', fits };

  // Python does next to nothing (a few calls around C builtins): the seconds decide, floored by the ops.
  const maxOps = Math.max(...counted.map((p) => p.ops!));
  const secondsAxis = secondsOnly(seconds, points, secondsPoints);
  if (maxOps < RATIO_MIN_OPS) {
    if (compareComplexity(secondsAxis.class, ops.class) >= 0 || !opsMatter(counted)) return { time: secondsAxis, space, basis: 'seconds', fits };
    return { time: refitSeconds(ops.class, secondsPoints, ops.confidence), space, basis: 'ops', fits };
  }
  // Hidden work (C builtins) shows as a cost per operation that keeps growing over the largest sizes.
  const perOp = counted.filter((p) => p.ops! >= RATIO_MIN_OPS).map((p) => ({ n: p.n, value: best(p) / p.ops! }));
  const trend = growthTrend(perOp);
  const hidden = trend ? hiddenWork(trend, compareComplexity(seconds.class, ops.class) > 0) : complexityRank(seconds.class) - complexityRank(ops.class) >= 2;
  if (!hidden) return { time: refitSeconds(ops.class, secondsPoints, ops.confidence), space, basis: 'ops', fits };
  const cls = trend ? hiddenFactorClass(ops.class, trend, seconds.class, points) : secondsAxis.class;
  const confidence = Math.min(ops.confidence, seconds.confidence);
  return { time: refitSeconds(cls, secondsPoints, confidence), space, basis: 'ops+seconds', fits };
}

const best = (p: ProbePoint): number => Math.min(...p.seconds);

/**
 * Whether the counted operations could be a floor for the time at all: a few hundred events (the
 * harness's stdin reader refilling its buffer, a loop around one C call) next to milliseconds of C
 * work say nothing about the growth of the whole.
 */
function opsMatter(counted: readonly ProbePoint[]): boolean {
  const largest = counted.reduce((a, b) => (b.n > a.n ? b : a));
  return largest.ops! * CHEAPEST_OP_SECONDS >= OPS_MIN_TIME_SHARE * best(largest);
}

/**
 * Whether the cost per operation grows (work hidden in C builtins). Near the thresholds one noisy
 * size decides either way, so there the seconds' own fit breaks the tie: hidden work iff it puts
 * the time above the operations' class. Clear trends decide alone (cache steps fool the seconds).
 */
function hiddenWork(trend: Trend, secondsAbove: boolean): boolean {
  const [slopeLo, slopeHi] = HIDDEN_SLOPE_BAND;
  const [steadyLo, steadyHi] = HIDDEN_STEADINESS_BAND;
  // A shallow trend must be steady too (one cache step makes a shallow unsteady one); a steep one
  // may be unsteady when the operation counts jump with the data (two pointers meeting early).
  if (trend.slope < slopeLo || trend.steadiness < (trend.slope >= slopeHi ? steadyLo : SHALLOW_MIN_STEADINESS)) return false;
  if (trend.slope >= slopeHi && trend.steadiness >= steadyHi) return true;
  return secondsAbove;
}

/**
 * Hidden work per operation: a linear factor when the last two steps are steep, else none (a growth
 * no steeper than a log factor's is the memory hierarchy: see the top). One steep step alone (a
 * cache level outgrown, operation counts that jump with the data) is no linear factor: both steps
 * must be steep and steepening, or the seconds must say so too, by their own fit or by a time per
 * unit of the log-factor class that keeps growing over the window.
 */
function hiddenFactorClass(
  opsClass: ComplexityClass,
  trend: Trend,
  secondsClass: ComplexityClass,
  points: readonly ProbePoint[],
): ComplexityClass {
  const byLog = times(opsClass, 'log n');
  const byN = times(opsClass, 'n');
  if (trend.lastSlope < LINEAR_FACTOR_SLOPE || byN === byLog) return opsClass;
  if (compareComplexity(secondsClass, byN) >= 0) return byN;
  // Each of the last two steps steep, the second steeper: a linear factor taking over from the
  // call overhead (a cache step is one step, and then levels off).
  const [before, last] = trend.lastSteps;
  if (before >= LINEAR_FACTOR_SLOPE && last >= before) return byN;
  const perUnit = growthTrend(points.map((p) => ({ n: p.n, value: best(p) / growth(byLog, p.n) })));
  return perUnit && perUnit.slope >= LINEAR_PER_UNIT_SLOPE ? byN : opsClass;
}

/** The class of (ops class) × (a log factor or a linear factor of hidden work per operation). */
function times(cls: ComplexityClass, factor: 'log n' | 'n'): ComplexityClass {
  const byLog: Record<ComplexityClass, ComplexityClass> = {
    'O(1)': 'O(log n)', 'O(log n)': 'O(log n)', 'O(n)': 'O(n log n)', 'O(n log n)': 'O(n log n)', 'O(n^2)': 'O(n^2)', 'O(n^3)': 'O(n^3)', 'O(2^n)': 'O(2^n)',
  };
  // O(log n) × n: halving recursions that copy (slices) do n/2 + n/4 + … = O(n) in all.
  const byN: Record<ComplexityClass, ComplexityClass> = {
    'O(1)': 'O(n)', 'O(log n)': 'O(n)', 'O(n)': 'O(n^2)', 'O(n log n)': 'O(n^2)', 'O(n^2)': 'O(n^3)', 'O(n^3)': 'O(n^3)', 'O(2^n)': 'O(2^n)',
  };
  return (factor === 'n' ? byN : byLog)[cls];
}

interface Trend {
  /**
   * Log-log slope of the cost per unit over the window: the median of the pairwise slopes
   * (Theil-Sen), so that one disturbed size at either end of the window cannot make a trend.
   */
  slope: number;
  /** Log-log slope over the last two steps. */
  lastSlope: number;
  /** Log-log slopes of the last two steps, each on its own. */
  lastSteps: [number, number];
  /** Median growth per step relative to what one log factor adds: ≥ 1 when growth is steady, ~0 for one step. */
  steadiness: number;
}

/** How a cost per unit of work grows over the largest sizes (undefined with fewer than 4 sizes). */
function growthTrend(samples: ReadonlyArray<{ n: number; value: number }>): Trend | undefined {
  const top = [...samples].sort((a, b) => a.n - b.n).slice(-GROWTH_WINDOW);
  if (top.length < 4) return undefined;
  const grew: number[] = [];
  const logFactor: number[] = [];
  for (let i = 1; i < top.length; i++) {
    const a = top[i - 1]!, b = top[i]!;
    grew.push(Math.log(b.value / a.value));
    logFactor.push(Math.log(Math.log2(b.n) / Math.log2(Math.max(2, a.n))));
  }
  const slopeOf = (a: { n: number; value: number }, b: { n: number; value: number }) => Math.log(b.value / a.value) / Math.log(b.n / a.n);
  return {
    slope: medianOf(top.flatMap((a, i) => top.slice(i + 1).map((b) => slopeOf(a, b)))),
    lastSlope: slopeOf(top[top.length - 3]!, top[top.length - 1]!),
    lastSteps: [slopeOf(top[top.length - 3]!, top[top.length - 2]!), slopeOf(top[top.length - 2]!, top[top.length - 1]!)],
    steadiness: medianOf(grew) / Math.max(1e-9, medianOf(logFactor)),
  };
}

/**
 * Whether a cost per unit keeps growing over the largest sizes at least as `expected` says
 * (default: one log factor), as opposed to flat or one step (a cache level outgrown).
 */
function steadyGrowth(
  samples: ReadonlyArray<{ n: number; value: number }>,
  /** ln of the growth factor the cost per unit should show, from n to m. */
  expected: (n: number, m: number) => number,
): boolean | undefined {
  const sorted = [...samples].sort((a, b) => a.n - b.n);
  const top = sorted.slice(-GROWTH_WINDOW);
  if (top.length < 4) return undefined;
  const grew: number[] = [];
  const should: number[] = [];
  for (let i = 1; i < top.length; i++) {
    const a = top[i - 1]!, b = top[i]!;
    grew.push(Math.log(b.value / a.value));
    should.push(expected(a.n, b.n));
  }
  return medianOf(grew) >= 0.5 * medianOf(should);
}

/**
 * Space classes above O(n) must show steady growth of the bytes per unit of the class below, not
 * one step: CPython caches the ints up to 256, so a table of counts costs 8 bytes per cell while
 * they are small and 40 once they pass 256, which makes O(n) look O(n log n) or O(n^2) once.
 */
function spaceAxis(fit: ComplexityFit, points: readonly ProbePoint[]): ComplexityAxisReport {
  let cls = fit.class;
  while (cls === 'O(n log n)' || cls === 'O(n^2)' || cls === 'O(n^3)') {
    const below = COMPLEXITY_CLASSES[complexityRank(cls) - 1]!;
    const above = cls;
    const perUnit = points.map((p) => ({ n: p.n, value: Math.max(p.bytes, SPACE_FLOOR_BYTES) / growth(below, p.n) }));
    const factor = (n: number) => growth(above, n) / growth(below, n);
    const steady =
      above === 'O(n log n)'
        ? logFactorSpace(perUnit, factor)
        : steadyGrowth(perUnit, (n, m) => Math.log(factor(m) / factor(n)));
    if (steady !== false) break;
    cls = below;
  }
  if (cls === fit.class) return axis(fit);
  const refit = fitComplexity(points.map((p) => ({ n: p.n, value: p.bytes })), { floor: SPACE_FLOOR_BYTES, classes: [cls] });
  return { class: cls, confidence: round(fit.confidence / 2, 3), curve: { ...refit.curve, class: cls } };
}

/**
 * A log factor of space adds the same bytes per element at every doubling, for good: the bytes per
 * element are a·log n + c, whatever c (a level of singleton lists costs 60+ bytes per element). Int
 * objects that outgrow CPython's small-int cache make a table's bytes per cell climb from 8 towards
 * 40 over a few doublings instead: increments that first rise (still climbing) and then shrink by
 * half at every doubling (levelling off). So the last three increments per unit of log n must all
 * be positive and within a factor LOG_SPACE_MAX_SPREAD of each other.
 */
function logFactorSpace(samples: ReadonlyArray<{ n: number; value: number }>, factor: (n: number) => number): boolean | undefined {
  const top = [...samples].sort((a, b) => a.n - b.n).slice(-4);
  if (top.length < 4) return undefined;
  const increments: number[] = [];
  for (let i = 1; i < top.length; i++) {
    const a = top[i - 1]!, b = top[i]!;
    increments.push((b.value - a.value) / (factor(b.n) - factor(a.n)));
  }
  const low = Math.min(...increments), high = Math.max(...increments);
  return low > 0 && high <= LOG_SPACE_MAX_SPREAD * low;
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * All the work is in C: the seconds decide, but never a log factor on top of O(n) (the builtins that
 * bring one are in the operation count; what the seconds show above O(n) is the memory hierarchy).
 */
function secondsOnly(seconds: ComplexityFit, points: readonly ProbePoint[], secondsPoints: ComplexityPoint[]): ComplexityAxisReport {
  // A flat sub-microsecond call with one or two disturbed sizes at the top fits O(n) (a + b·n bends
  // to them): a linear class must show in the robust slope of the upper half too.
  if (compareComplexity(seconds.class, 'O(n)') >= 0 && (upperSlope(points) ?? 1) < MIN_LINEAR_SLOPE) {
    return refitSeconds(clearlyGrows(points) ? 'O(log n)' : 'O(1)', secondsPoints, seconds.confidence / 2);
  }
  // Between O(1) and O(log n) the fit is at the mercy of steps and noise; the robust slope decides.
  const grows = seconds.class === 'O(1)' || seconds.class === 'O(log n)' ? clearlyGrows(points) : undefined;
  if (seconds.class === 'O(log n)' && grows === false) return refitSeconds('O(1)', secondsPoints, seconds.confidence / 2);
  if (seconds.class === 'O(1)' && grows === true) return refitSeconds('O(log n)', secondsPoints, seconds.confidence / 2);
  if (seconds.class !== 'O(n log n)') return axis(seconds);
  return refitSeconds('O(n)', secondsPoints, seconds.confidence / 2);
}

/**
 * A tiny C-level call (an index, a bit trick, a closed form) costs ~100 ns of call overhead, and its
 * time still moves with n in steps: ints that outgrow the small-int cache or a machine digit, a list
 * that outgrows a cache level. O(log n) work (bisect, pow) keeps growing at every doubling, up to
 * the largest sizes. So over the upper half of the sizes, the robust (Theil-Sen: median of pairwise
 * slopes, blind to one step and to outliers) growth per doubling decides, relative to the time.
 */
function clearlyGrows(points: readonly ProbePoint[]): boolean | undefined {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  if (sorted.length < 8 || sorted[sorted.length - 1]!.n / sorted[0]!.n < 1024) return undefined; // too narrow to tell
  const upper = sorted.slice(Math.floor(sorted.length / 2));
  const perDoubling = medianPairwise(upper, (a, b) => (best(b) - best(a)) / Math.log2(b.n / a.n));
  return perDoubling >= TINY_LOG_SLOPE * medianOf(upper.map(best));
}

/** Theil-Sen log-log slope of the best seconds over the upper half of the sizes (undefined under 8 sizes). */
function upperSlope(points: readonly ProbePoint[]): number | undefined {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  if (sorted.length < 8) return undefined;
  return medianPairwise(sorted.slice(Math.floor(sorted.length / 2)), (a, b) => Math.log(best(b) / best(a)) / Math.log(b.n / a.n));
}

/** The median of `slope` over every pair of points (in order of n): robust to a step and to outliers. */
function medianPairwise(sorted: readonly ProbePoint[], slope: (a: ProbePoint, b: ProbePoint) => number): number {
  return medianOf(sorted.flatMap((a, i) => sorted.slice(i + 1).map((b) => slope(a, b))));
}

function distinctSizes(points: readonly ProbePoint[]): number {
  return new Set(points.map((p) => p.n)).size;
}

function asymptoticTail(points: readonly ProbePoint[]): ProbePoint[] {
  const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  const drop = Math.min(Math.floor(sizes.length / 2), Math.max(0, sizes.length - TAIL_MIN_SIZES));
  const from = sizes[drop] ?? 0;
  return points.filter((p) => p.n >= from);
}

/** The seconds curve of a class chosen from the operation counts (the plotted curve is in seconds). */
function refitSeconds(cls: ComplexityClass, points: ComplexityPoint[], confidence: number): ComplexityAxisReport {
  const fit = fitComplexity(points, { aggregate: 'min', classes: [cls] });
  return { class: cls, confidence: round(confidence, 3), curve: { ...fit.curve, class: cls } };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
