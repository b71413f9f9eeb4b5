/**
 * The closed set of complexity classes the fitter distinguishes (DESIGN §4), their order, their
 * growth functions and a lenient parser for what authors and candidates actually write.
 */
export const COMPLEXITY_CLASSES = ['O(1)', 'O(log n)', 'O(n)', 'O(n log n)', 'O(n^2)', 'O(n^3)', 'O(2^n)'] as const;
export type ComplexityClass = (typeof COMPLEXITY_CLASSES)[number];

export function isComplexityClass(value: unknown): value is ComplexityClass {
  return typeof value === 'string' && (COMPLEXITY_CLASSES as readonly string[]).includes(value);
}

/** 0 for O(1) … 6 for O(2^n). */
export function complexityRank(cls: ComplexityClass): number {
  return COMPLEXITY_CLASSES.indexOf(cls);
}

/** Orders classes from cheapest to most expensive: -1 when `a` grows slower than `b`. */
export function compareComplexity(a: ComplexityClass, b: ComplexityClass): -1 | 0 | 1 {
  const d = complexityRank(a) - complexityRank(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/**
 * ln f(n) for the class's growth function f (log base 2, so f(n) = n log2 n for O(n log n)).
 * Working in logs keeps 2^n finite for any n; -Infinity means f(n) = 0 (log classes at n = 1).
 * `base` only applies to the exponential class (the fitter estimates it; 2 by default).
 */
export function logGrowth(cls: ComplexityClass, n: number, base = 2): number {
  switch (cls) {
    case 'O(1)':
      return 0;
    case 'O(log n)':
      return Math.log(Math.log2(n));
    case 'O(n)':
      return Math.log(n);
    case 'O(n log n)':
      return Math.log(n) + Math.log(Math.log2(n));
    case 'O(n^2)':
      return 2 * Math.log(n);
    case 'O(n^3)':
      return 3 * Math.log(n);
    case 'O(2^n)':
      return n * Math.log(base);
  }
}

/** f(n) itself (may be Infinity for the exponential class at large n). */
export function growth(cls: ComplexityClass, n: number, base = 2): number {
  return Math.exp(logGrowth(cls, n, base));
}

// Canonical spellings after normalisation (lowercase, no spaces, `**`→`^`, `log(n)`→`logn`, …).
const SPELLINGS: Record<string, ComplexityClass> = {
  '1': 'O(1)',
  c: 'O(1)',
  k: 'O(1)',
  constant: 'O(1)',
  logn: 'O(log n)',
  logarithmic: 'O(log n)',
  n: 'O(n)',
  linear: 'O(n)',
  nlogn: 'O(n log n)',
  lognn: 'O(n log n)',
  linearithmic: 'O(n log n)',
  loglinear: 'O(n log n)',
  'n^2': 'O(n^2)',
  nn: 'O(n^2)',
  quadratic: 'O(n^2)',
  'n^3': 'O(n^3)',
  nnn: 'O(n^3)',
  cubic: 'O(n^3)',
  '2^n': 'O(2^n)',
  exponential: 'O(2^n)',
};

/**
 * Reads a class the way people write it: `O(nlogn)`, `O(n*log(n))`, `O(N^2)`, `O(n²)`, `Θ(n lg n)`,
 * `n**2`, `quadratic`. Returns null when the text is not one of the seven classes.
 */
export function parseComplexityClass(text: string): ComplexityClass | null {
  // NFKC would turn ² into a bare 2, so superscripts become carets first.
  let s = text.trim().toLowerCase().replace(/²/g, '^2').replace(/³/g, '^3').normalize('NFKC');
  s = s.replace(/^(big[-\s]?)?(o|θ|theta|ϴ)\s*\((.*)\)$/u, '$3');
  s = s
    .replace(/\*\*/g, '^')
    .replace(/[\s*·⋅×]/gu, '')
    .replace(/lg|ln/g, 'log')
    .replace(/log_?2/g, 'log')
    .replace(/log\(([a-z])\)/g, 'log$1')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\^\{?(\w+)\}?/g, '^$1')
    .replace(/\^1$/, '');
  return SPELLINGS[s] ?? null;
}
