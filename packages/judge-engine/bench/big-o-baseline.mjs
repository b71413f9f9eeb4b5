// The big_O-style baseline of `npm run bench:complexity`: how the Python package big_O
// (pberkes/big_O, big_o/complexities.py) infers a class, ported to run on Duet's corpus.
//  - sizes: 10 linearly spaced n (big_O: np.linspace(min_n, max_n, 10) with max_n/min_n = 1000),
//    here up to the largest n Duet's probe reached for the same solution, so both see one range;
//  - one call per size, wall time only, measured in the sandbox (big-o-baseline.py);
//  - every class fitted by ordinary least squares as t ≈ a + b·f(n) (Polynomial: log t ≈ a + b·log n,
//    Exponential: log t ≈ a + b·n), residuals as the sum of squared errors in time (big_O's
//    _recalculate_fit_residuals for the log-transformed classes); the smallest residual wins.
// big_O's Polynomial class has no Duet equivalent: it is credited with the class of its rounded
// exponent (0 → O(1), 1 → O(n), 2 → O(n^2), ≥ 3 → O(n^3)), which only helps the baseline.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TINY = 1e-12;

/** Ordinary least squares of y on [1, x]: intercept, slope. */
function leastSquares(xs, ys) {
  const m = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / m;
  const my = ys.reduce((s, y) => s + y, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}

const linearIn = (f) => (ns, ts) => {
  const { a, b } = leastSquares(ns.map(f), ts);
  return { predict: (n) => a + b * f(n), b };
};

/** big_O's ALL_CLASSES, each with the Duet class it stands for. */
const BIG_O_CLASSES = [
  { name: 'Constant', fit: (ns, ts) => { const mean = ts.reduce((s, t) => s + t, 0) / ts.length; return { predict: () => mean }; }, duet: () => 'O(1)' },
  { name: 'Linear', fit: linearIn((n) => n), duet: () => 'O(n)' },
  { name: 'Quadratic', fit: linearIn((n) => n * n), duet: () => 'O(n^2)' },
  { name: 'Cubic', fit: linearIn((n) => n ** 3), duet: () => 'O(n^3)' },
  {
    name: 'Polynomial',
    fit: (ns, ts) => {
      const { a, b } = leastSquares(ns.map(Math.log), ts.map((t) => Math.log(Math.max(t, TINY))));
      return { predict: (n) => Math.exp(a) * n ** b, b };
    },
    duet: ({ b }) => ['O(1)', 'O(n)', 'O(n^2)', 'O(n^3)'][Math.min(3, Math.max(0, Math.round(b)))],
  },
  { name: 'Logarithmic', fit: linearIn(Math.log), duet: () => 'O(log n)' },
  { name: 'Linearithmic', fit: linearIn((n) => n * Math.log(n)), duet: () => 'O(n log n)' },
  {
    name: 'Exponential',
    fit: (ns, ts) => {
      const { a, b } = leastSquares(ns, ts.map((t) => Math.log(Math.max(t, TINY))));
      return { predict: (n) => Math.exp(a + b * n), b };
    },
    duet: () => 'O(2^n)',
  },
];

/** The class big_O would report for these measurements (smallest sum of squared errors). */
export function bigOClass(ns, values) {
  let best = null;
  for (const cls of BIG_O_CLASSES) {
    const fitted = cls.fit(ns, values);
    const residual = ns.reduce((s, n, i) => s + (values[i] - fitted.predict(n)) ** 2, 0);
    if (Number.isFinite(residual) && (best === null || residual < best.residual)) {
      best = { residual, name: cls.name, class: cls.duet(fitted) };
    }
  }
  return best;
}

/** big_O's sizes: 10 linearly spaced integers from maxN/1000 (at least 1) to maxN, distinct. */
export function linearSizes(maxN, count = 10) {
  const minN = Math.max(1, Math.floor(maxN / 1000));
  const sizes = Array.from({ length: count }, (_, i) => Math.round(minN + ((maxN - minN) * i) / (count - 1)));
  return [...new Set(sizes)];
}

let template;
async function measuringScript({ generator, solution, stdio, entry }) {
  template ??= await readFile(join(HERE, 'big-o-baseline.py'), 'utf8');
  return template
    .replace('__GENERATOR__', () => JSON.stringify(generator))
    .replace('__SOLUTION__', () => JSON.stringify(solution))
    .replace('__STDIO__', stdio ? 'True' : 'False')
    .replace('__ENTRY__', () => JSON.stringify(entry ?? ''));
}

/**
 * Runs the baseline on one solution in the sandbox (a `custom` run of the measuring script) and
 * returns big_O's time class and the naive space class, or {error}.
 */
export async function runBaseline({ judgeBundle, driver, generator, solution, stdio, entry, maxN, memoryMb, seed = 0 }) {
  const ns = linearSizes(maxN);
  if (ns.length < 3) return { error: `too few sizes (max n ${maxN})` };
  const bundle = {
    kind: 'custom',
    language: 'python',
    code: await measuringScript({ generator, solution, stdio, entry }),
    interface: { type: 'stdio' },
    tests: [{ name: 'baseline', input: JSON.stringify({ ns, seed }) }],
    limits: { time_ms: 60_000, memory_mb: memoryMb, output_kb: 1024 },
    checker: { type: 'default' },
  };
  const result = await judgeBundle(bundle, { driver });
  const test = result.tests[0];
  if (!test || test.verdict !== 'AC') {
    const why = result.compile_error?.message ?? test?.message ?? test?.stderr?.split('\n').filter(Boolean).at(-1) ?? result.internal_error;
    return { error: `${test?.verdict ?? result.verdict}${why ? `: ${why}` : ''}` };
  }
  let measured;
  try {
    measured = JSON.parse(test.stdout ?? '');
  } catch {
    return { error: 'the measuring script printed no result' };
  }
  return {
    ns,
    times: measured.times,
    peaks: measured.peaks,
    time: bigOClass(ns, measured.times).class,
    space: bigOClass(ns, measured.peaks.map((b) => Math.max(b, 1))).class,
  };
}
