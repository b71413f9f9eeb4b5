import { describe, expect, it } from 'vitest';
import { COMPLEXITY_CLASSES, compareComplexity, growth, isComplexityClass, parseComplexityClass } from './classes.js';

describe('parseComplexityClass', () => {
  const cases: Array<[string, string | null]> = [
    ['O(1)', 'O(1)'],
    ['o(1)', 'O(1)'],
    ['constant', 'O(1)'],
    ['O(log n)', 'O(log n)'],
    ['O(logn)', 'O(log n)'],
    ['O(log(n))', 'O(log n)'],
    ['O(lg n)', 'O(log n)'],
    ['O(log2 n)', 'O(log n)'],
    ['O(n)', 'O(n)'],
    ['O(N)', 'O(n)'],
    ['linear', 'O(n)'],
    ['O(n log n)', 'O(n log n)'],
    ['O(nlogn)', 'O(n log n)'],
    ['O(n*log(n))', 'O(n log n)'],
    ['O(N log N)', 'O(n log n)'],
    ['Θ(n lg n)', 'O(n log n)'],
    ['O(n · log n)', 'O(n log n)'],
    ['O(n^2)', 'O(n^2)'],
    ['O(N^2)', 'O(n^2)'],
    ['O(n²)', 'O(n^2)'],
    ['O(n**2)', 'O(n^2)'],
    ['O(n*n)', 'O(n^2)'],
    ['n^2', 'O(n^2)'],
    ['quadratic', 'O(n^2)'],
    ['O(n^3)', 'O(n^3)'],
    ['O(n³)', 'O(n^3)'],
    ['O(2^n)', 'O(2^n)'],
    ['O(2**n)', 'O(2^n)'],
    ['O(2^{n})', 'O(2^n)'],
    ['exponential', 'O(2^n)'],
    ['O(n^4)', null],
    ['O(n!)', null],
    ['fast', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(parseComplexityClass(text)).toBe(expected);
  });

  it('round-trips every canonical spelling', () => {
    for (const c of COMPLEXITY_CLASSES) expect(parseComplexityClass(c)).toBe(c);
  });
});

describe('compareComplexity', () => {
  it('orders the classes from cheapest to most expensive', () => {
    const shuffled = ['O(2^n)', 'O(n)', 'O(1)', 'O(n^3)', 'O(n log n)', 'O(log n)', 'O(n^2)'] as const;
    expect([...shuffled].sort(compareComplexity)).toEqual([...COMPLEXITY_CLASSES]);
    expect(compareComplexity('O(n)', 'O(n log n)')).toBe(-1);
    expect(compareComplexity('O(n^2)', 'O(n^2)')).toBe(0);
    expect(compareComplexity('O(2^n)', 'O(n^3)')).toBe(1);
  });

  it('knows which strings are classes', () => {
    expect(isComplexityClass('O(n)')).toBe(true);
    expect(isComplexityClass('O(nlogn)')).toBe(false);
    expect(isComplexityClass(3)).toBe(false);
  });
});

describe('growth', () => {
  it('evaluates each class at n = 8', () => {
    expect(growth('O(1)', 8)).toBe(1);
    expect(growth('O(log n)', 8)).toBeCloseTo(3);
    expect(growth('O(n)', 8)).toBeCloseTo(8);
    expect(growth('O(n log n)', 8)).toBeCloseTo(24);
    expect(growth('O(n^2)', 8)).toBeCloseTo(64);
    expect(growth('O(n^3)', 8)).toBeCloseTo(512);
    expect(growth('O(2^n)', 8)).toBeCloseTo(256);
  });
});
