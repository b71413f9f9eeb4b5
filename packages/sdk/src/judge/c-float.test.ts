import { describe, expect, it } from 'vitest';
import { formatCExponent, parseCFloat } from './c-float.js';

describe('parseCFloat (glibc sscanf "%lf%10s" == 1, finite)', () => {
  it('parses decimal floats with sign, dot and exponent', () => {
    expect(parseCFloat('1')).toBe(1);
    expect(parseCFloat('-2.5')).toBe(-2.5);
    expect(parseCFloat('+.5')).toBe(0.5);
    expect(parseCFloat('5.')).toBe(5);
    expect(parseCFloat('1.5e-7')).toBe(1.5e-7);
    expect(parseCFloat('1E+3')).toBe(1000);
    expect(Object.is(parseCFloat('-0'), -0)).toBe(true);
  });

  it('parses hexadecimal floats', () => {
    expect(parseCFloat('0x1p3')).toBe(8);
    expect(parseCFloat('0X1P-2')).toBe(0.25);
    expect(parseCFloat('-0x1.8')).toBe(-1.5);
    expect(parseCFloat('0xff')).toBe(255);
    expect(parseCFloat('0x.')).toBe(0);
    expect(parseCFloat('0x')).toBeNull();
    expect(parseCFloat('0xp1')).toBeNull();
  });

  it('ignores a dangling exponent marker like glibc scanf', () => {
    expect(parseCFloat('1e')).toBe(1);
    expect(parseCFloat('2.5E+')).toBe(2.5);
    expect(parseCFloat('0x1p-')).toBe(1);
  });

  it('rejects non-numbers, non-finite values and trailing garbage', () => {
    for (const token of ['', 'abc', '-', '+', '.', 'e5', 'inf', 'nan', 'infinity', '1e400', '1,5', '1d2', '1.2.3', '12abc']) {
      expect(parseCFloat(token), token).toBeNull();
    }
  });
});

describe('formatCExponent (C %le)', () => {
  it('prints six decimals and a two-digit signed exponent', () => {
    expect(formatCExponent(1e-6)).toBe('1.000000e-06');
    expect(formatCExponent(-1)).toBe('-1.000000e+00');
    expect(formatCExponent(123456789)).toBe('1.234568e+08');
    expect(formatCExponent(1e300)).toBe('1.000000e+300');
    expect(formatCExponent(0)).toBe('0.000000e+00');
  });
});
