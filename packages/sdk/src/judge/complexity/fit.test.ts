/**
 * The fitter on synthetic cost curves: value = (a·f(n) + b)·noise, measured at geometric sizes
 * with repeats, multiplicative noise and spikes, from a seeded PRNG so every run sees the same
 * trials. Overheads b go up to 100× the growth term at the smallest size; like the probe, the
 * sizes then keep doubling until the growth term is at least twice the overhead at the top five.
 */
import { describe, expect, it } from 'vitest';
import { COMPLEXITY_CLASSES, type ComplexityClass, growth } from './classes.js';
import { ComplexityFitError } from './errors.js';
import { evaluateCurve } from './evaluate.js';
import { type FitOptions, fitComplexity } from './fit.js';
import type { ComplexityPoint } from './points.js';

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TrialOptions {
  /** Per-measurement log-normal sigma; default uniform in [0.05, 0.2]. */
  noise?: number;
  clean?: boolean;
  reps?: [number, number];
  /** Overheads as multiples of a·f(smallest n). */
  overheads?: number[];
  /** Fraction of measurements multiplied by 2–10 (only with ≥ 5 repeats). */
  spikes?: number;
  sizes?: number[];
}

interface Trial {
  points: ComplexityPoint[];
  describe: string;
}

function trials(seed: number) {
  const rnd = prng(seed);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  return (cls: ComplexityClass, o: TrialOptions = {}): Trial => {
    const a = Math.exp(Math.log(1e-8) + rnd() * Math.log(1e6));
    const base = cls === 'O(2^n)' ? pick([1.618, 2, 3]) : 2;
    const f = (n: number) => growth(cls, n, base);
    let sizes: number[];
    let rho: number;
    if (o.sizes) {
      sizes = o.sizes;
      rho = pick(o.overheads ?? [0]);
    } else if (cls === 'O(2^n)') {
      sizes = pick([[4, 8, 16], [5, 10, 20], [3, 6, 12, 24], [2, 4, 8, 16], [4, 8, 12, 16, 20], [8, 16, 24], [10, 12, 14, 16, 18, 20]]);
      rho = pick(o.overheads ?? [0, 1, 5]);
    } else {
      const n0 = cls === 'O(n^3)' ? pick([4, 8, 16, 32]) : pick([16, 32, 64, 100, 256, 1000]);
      const defaults = cls === 'O(1)' ? [0] : cls === 'O(log n)' ? [0, 0.25, 0.5, 1] : [0, 1, 10, 100];
      rho = pick(o.overheads ?? defaults);
      // Doublings until growth ≥ 2× overhead, then five more (at most 12 sizes in all).
      let need = 0;
      while (need < 30 && f(n0 * 2 ** need) < 2 * rho * f(n0)) need++;
      if (need + 5 > 12) [rho, need] = [1, 1];
      const k = Math.min(12, Math.max(int(6, 12), need + 5));
      sizes = Array.from({ length: k }, (_, i) => n0 * 2 ** i);
    }
    const b = rho * a * f(sizes[0]!);
    const sigma = o.clean ? 0 : (o.noise ?? 0.05 + rnd() * 0.15);
    const reps = int(...(o.reps ?? [5, 9]));
    const spikes = o.clean || reps < 5 ? 0 : (o.spikes ?? 0.05);
    const points: ComplexityPoint[] = [];
    for (const n of sizes)
      for (let r = 0; r < reps; r++) {
        let value = (a * f(n) + b) * Math.exp(sigma * gauss());
        if (rnd() < spikes) value *= 2 + 8 * rnd();
        points.push({ n, value });
      }
    return { points, describe: `${cls} sizes=${sizes.join(',')} rho=${rho} sigma=${sigma.toFixed(2)} reps=${reps}` };
  };
}

function accuracy(cls: ComplexityClass, count: number, seed: number, o: TrialOptions = {}, fit: FitOptions = {}) {
  const make = trials(seed);
  let hits = 0;
  const misses: string[] = [];
  let confidence = 0;
  for (let i = 0; i < count; i++) {
    const t = make(cls, o);
    const r = fitComplexity(t.points, fit);
    confidence += r.confidence;
    if (r.class === cls) hits++;
    else if (misses.length < 5) misses.push(`${t.describe} → ${r.class}`);
  }
  return { rate: hits / count, misses, confidence: confidence / count };
}

describe('fitComplexity on noisy synthetic curves', () => {
  // Noise 5–20% per measurement, 5–9 repeats, 5% spikes of 2–10×, overheads up to 100×.
  it.each(COMPLEXITY_CLASSES.map((c) => [c]))('classifies %s exactly in ≥ 95% of 600 trials', (cls) => {
    const { rate, misses } = accuracy(cls, 600, 1000 + COMPLEXITY_CLASSES.indexOf(cls));
    expect(rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('tells O(n) from O(n log n) under large constant overheads', () => {
    for (const cls of ['O(n)', 'O(n log n)'] as const) {
      const { rate, misses } = accuracy(cls, 400, 7, { overheads: [10, 100], noise: 0.1 });
      expect(rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('tells O(1) from O(log n), with and without an overhead', () => {
    const constant = accuracy('O(1)', 400, 8, { noise: 0.15 });
    expect(constant.rate, constant.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    const logarithmic = accuracy('O(log n)', 400, 9, { noise: 0.1, overheads: [0, 1] });
    expect(logarithmic.rate, logarithmic.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('tells O(n^2) from O(n^3) with small sizes', () => {
    for (const cls of ['O(n^2)', 'O(n^3)'] as const) {
      const { rate, misses } = accuracy(cls, 300, 10, { sizes: [4, 8, 16, 32, 64, 128], overheads: [0, 10, 100] });
      expect(rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('recognises O(2^n) from three or four sizes, for bases 1.618 (naive Fibonacci), 2 and 3', () => {
    const { rate, misses } = accuracy('O(2^n)', 400, 11, { overheads: [0, 1, 5] });
    expect(rate, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const sizes of [[4, 8, 16], [5, 10, 20]]) {
      const few = accuracy('O(2^n)', 200, 12, { sizes, overheads: [0, 1] });
      expect(few.rate, few.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('is more confident on clean data than on noisy data', () => {
    for (const cls of COMPLEXITY_CLASSES) {
      const clean = accuracy(cls, 100, 13, { clean: true });
      const noisy = accuracy(cls, 100, 13, { noise: 0.2 });
      expect(clean.rate).toBe(1);
      expect(clean.confidence, cls).toBeGreaterThan(noisy.confidence);
      expect(clean.confidence, cls).toBeGreaterThan(0.9);
    }
  });
});

describe('fitComplexity on exact and degenerate data', () => {
  const sizes = [1000, 2000, 4000, 8000, 16000, 32000];

  it('recovers a and b of a clean curve', () => {
    const points = sizes.map((n) => ({ n, value: 3e-8 * n * Math.log2(n) + 2e-6 }));
    const r = fitComplexity(points);
    expect(r.class).toBe('O(n log n)');
    expect(r.curve.a).toBeCloseTo(3e-8, 10);
    expect(r.curve.b).toBeCloseTo(2e-6, 8);
    for (const p of points) expect(evaluateCurve(r.curve, p.n) / p.value).toBeCloseTo(1, 3);
    expect(r.slopes).toHaveLength(sizes.length - 1);
  });

  it('reads exact operation counts of merge sort (n log2 n − n + 1 comparisons) as O(n log n)', () => {
    const r = fitComplexity(sizes.map((n) => ({ n, value: n * Math.log2(n) - n + 1 })));
    expect(r.class).toBe('O(n log n)');
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('reads binary search steps (⌊log2 n⌋ + 1) as O(log n) and a fixed cost as O(1)', () => {
    expect(fitComplexity(sizes.map((n) => ({ n, value: Math.floor(Math.log2(n)) + 1 }))).class).toBe('O(log n)');
    const fixed = fitComplexity(sizes.map((n) => ({ n, value: 7 })));
    expect(fixed.class).toBe('O(1)');
    expect(fixed.confidence).toBeGreaterThan(0.95);
  });

  it('treats allocator dust below the floor as O(1) space, and real growth above it as O(n)', () => {
    const dust = [0, 56, 0, 112, 32, 0].map((value, i) => ({ n: sizes[i]!, value }));
    const r = fitComplexity(dust, { floor: 1024 });
    expect(r.class).toBe('O(1)');
    const zeros = fitComplexity(sizes.map((n) => ({ n, value: 0 })));
    expect(zeros.class).toBe('O(1)');
    const list = fitComplexity(sizes.map((n) => ({ n, value: 8 * n + 56 + (n % 3) * 40 })), { floor: 1024 });
    expect(list.class).toBe('O(n)');
  });

  it('uses the repeats: the minimum of wall times ignores slow outliers', () => {
    const points: ComplexityPoint[] = [];
    for (const n of sizes) for (const slow of [1, 1, 1, 30]) points.push({ n, value: 1e-7 * n * n * slow });
    const r = fitComplexity(points, { aggregate: 'min' });
    expect(r.class).toBe('O(n^2)');
    expect(r.points).toHaveLength(points.length);
    expect(r.samples.map((s) => s.repeats)).toEqual(sizes.map(() => 4));
  });

  it('restricts the candidates when asked', () => {
    const r = fitComplexity(sizes.map((n) => ({ n, value: n * n * Math.log2(n) })), { classes: ['O(n)', 'O(n^3)'] });
    expect(r.candidates.map((c) => c.class).sort()).toEqual(['O(n)', 'O(n^3)']);
    expect(r.class).toBe('O(n^3)');
  });

  it('rejects what it cannot fit, with a code', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ComplexityFitError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(codeOf(() => fitComplexity([]))).toBe('NO_POINTS');
    expect(codeOf(() => fitComplexity([{ n: 10, value: 1 }, { n: 10, value: 2 }]))).toBe('TOO_FEW_SIZES');
    expect(codeOf(() => fitComplexity([{ n: 10, value: -1 }, { n: 20, value: 2 }]))).toBe('INVALID_POINT');
    expect(codeOf(() => fitComplexity([{ n: 0, value: 1 }, { n: 20, value: 2 }]))).toBe('INVALID_POINT');
    expect(codeOf(() => fitComplexity([{ n: 10, value: Number.NaN }, { n: 20, value: 2 }]))).toBe('INVALID_POINT');
  });
});
