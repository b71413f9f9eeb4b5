import { expect, test } from 'vitest';
import { growth } from './complexity-chart.js';

test('growth functions match the classes (log base 2, as the SDK fits them)', () => {
  expect(growth('O(1)', 1024)).toBe(1);
  expect(growth('O(log n)', 1024)).toBe(10);
  expect(growth('O(n)', 1024)).toBe(1024);
  expect(growth('O(n log n)', 1024)).toBe(10240);
  expect(growth('O(n^2)', 32)).toBe(1024);
  expect(growth('O(n^3)', 4)).toBe(64);
  expect(growth('O(2^n)', 10, 1.5)).toBeCloseTo(57.665, 2);
});
