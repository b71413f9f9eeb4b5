import { growth } from './classes.js';
import type { ComplexityCurve } from './fit.js';

/** The fitted value at size n (for plotting the curve over the points). */
export function evaluateCurve(curve: ComplexityCurve, n: number): number {
  if (curve.class === 'O(1)') return curve.a + curve.b;
  const f = growth(curve.class, n, curve.base ?? 2);
  return curve.a * f + curve.b;
}
