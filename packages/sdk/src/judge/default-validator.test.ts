import { describe, expect, it } from 'vitest';
import { defaultValidator } from './default-validator.js';

// Expected messages below are what problemtools' default_validator.cc writes to judgemessage.txt
// (checked by running the compiled C++ validator on the same inputs).
describe('defaultValidator: tokens and whitespace', () => {
  it('accepts equal token sequences whatever the whitespace between them', () => {
    expect(defaultValidator('1 2\n3\n', '1 2 3\n')).toEqual({ ok: true });
    expect(defaultValidator('  1\t2\r\n3', '1 2 3\n')).toEqual({ ok: true });
    expect(defaultValidator('1\v2\f3', '1 2 3')).toEqual({ ok: true });
    expect(defaultValidator('', '')).toEqual({ ok: true });
    expect(defaultValidator('\n\n', '')).toEqual({ ok: true });
  });

  it('rejects a different token with line numbers of output and answer', () => {
    const outcome = defaultValidator('1\n2\n4\n', '1 2\n3\n');
    expect(outcome).toEqual({
      ok: false,
      message: 'Wrong answer on line 3 of output (corresponding to line 2 in answer file)\nString tokens mismatch\nJudge: "3"\nUser: "4"',
    });
  });

  it('reports empty output, whitespace-only output and missing tokens differently', () => {
    expect(defaultValidator('', '42\n').message).toBe(
      'Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nUser EOF while judge had more output; user output was empty.\n(Next judge token: 42)',
    );
    expect(defaultValidator(' \n', '42\n').message).toContain('user output contained no tokens.\n(Next judge token: 42)');
    const short = defaultValidator('1 2', '1 2 3 4');
    expect(short.ok).toBe(false);
    expect(short.message).toContain('User EOF while judge had more output (judge answer has 4 tokens, output has 2)\n(Next judge token: 3)');
  });

  it('rejects trailing output and names the first extra token', () => {
    const outcome = defaultValidator('1 2 3 junk\n', '1 2 3\n');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^Wrong answer on line 1 of output \(corresponding to line 2 in answer file\)\nTrailing output:\njunk\n/);
    expect(outcome.message).toContain('(output has 1 more token than the judge answer)');
  });

  it('is case-insensitive (ASCII only) unless case_sensitive', () => {
    expect(defaultValidator('YES\n', 'yes\n').ok).toBe(true);
    expect(defaultValidator('YES\n', 'yes\n', { case_sensitive: true })).toMatchObject({ ok: false });
    expect(defaultValidator('yes\n', 'yes\n', { case_sensitive: true }).ok).toBe(true);
    // strcasecmp in the C locale does not fold non-ASCII letters.
    expect(defaultValidator('É\n', 'é\n').ok).toBe(false);
  });

  it('compares tokens byte-wise, including multi-byte UTF-8 and raw bytes', () => {
    expect(defaultValidator('héllo wörld', 'héllo wörld\n').ok).toBe(true);
    expect(defaultValidator(new Uint8Array([0x31, 0x0a]), '1\n').ok).toBe(true);
    expect(defaultValidator(new Uint8Array([0xff, 0x0a]), '1\n').ok).toBe(false);
  });
});

describe('defaultValidator: space_change_sensitive', () => {
  const strict = { space_change_sensitive: true };
  it('accepts identical whitespace', () => {
    expect(defaultValidator('1 2\n3\n', '1 2\n3\n', strict).ok).toBe(true);
  });

  it('rejects changed, missing and extra whitespace with the byte codes', () => {
    expect(defaultValidator('1\n2\n', '1 2\n', strict).message).toBe(
      'Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nSpace change error: got 10 expected 32',
    );
    expect(defaultValidator('1 2', '1 2\n', strict).message).toContain('Space change error: got -1 expected 10');
    expect(defaultValidator('1 2\n\n', '1 2\n', strict).message).toContain('Space change error: judge out of space, got 10 from user');
    expect(defaultValidator('1  2\n', '1 2\n', strict).message).toContain('Space change error: judge out of space, got 32 from user');
  });

  it('still folds case unless case_sensitive', () => {
    expect(defaultValidator('A b\n', 'a B\n', strict).ok).toBe(true);
    expect(defaultValidator('A b\n', 'a B\n', { ...strict, case_sensitive: true }).ok).toBe(false);
  });
});

describe('defaultValidator: float tolerances', () => {
  it('compares numbers as strings when no tolerance is set', () => {
    expect(defaultValidator('1.0\n', '1\n').ok).toBe(false);
    expect(defaultValidator('1\n', '1\n').ok).toBe(true);
  });

  it('float_tolerance sets both absolute and relative tolerance', () => {
    const flags = { float_tolerance: 1e-6 };
    expect(defaultValidator('1.0000009\n', '1\n', flags).ok).toBe(true);
    expect(defaultValidator('1000000.9\n', '1000000\n', flags).ok).toBe(true); // relative
    expect(defaultValidator('1.0000011\n', '1\n', flags).ok).toBe(false);
    expect(defaultValidator('1.0000011\n', '1\n', flags).message).toBe(
      'Wrong answer on line 1 of output (corresponding to line 1 in answer file)\nToo large difference.\n' +
        ' Judge: 1\n User: 1.0000011\n Difference: -1.100000e-06\n (abs tol 1.000000e-06 rel tol 1.000000e-06)',
    );
  });

  it('absolute and relative tolerances work alone and override float_tolerance', () => {
    expect(defaultValidator('100.5', '100', { float_absolute_tolerance: 0.5 }).ok).toBe(true);
    expect(defaultValidator('100.6', '100', { float_absolute_tolerance: 0.5 }).ok).toBe(false);
    expect(defaultValidator('100.9', '100', { float_relative_tolerance: 0.01 }).ok).toBe(true);
    expect(defaultValidator('101.1', '100', { float_relative_tolerance: 0.01 }).ok).toBe(false);
    // Relative tolerance scales with the judge's value, not the user's.
    expect(defaultValidator('0', '1e-9', { float_relative_tolerance: 0.5 }).ok).toBe(false);
    expect(defaultValidator('100.4', '100', { float_tolerance: 1e-9, float_absolute_tolerance: 0.5 }).ok).toBe(true);
    expect(defaultValidator('100.4', '100', { float_tolerance: 1, float_relative_tolerance: 0 }).ok).toBe(true);
  });

  it('accepts any float syntax strtod accepts in the output', () => {
    const flags = { float_tolerance: 1e-9 };
    expect(defaultValidator('+1.5e0 .5 5. 0x1p3 -0\n', '1.5 0.5 5 8 0\n', flags).ok).toBe(true);
  });

  it('requires a float when the answer token is one, and compares other tokens as strings', () => {
    const flags = { float_tolerance: 1e-6 };
    expect(defaultValidator('abc\n', '1.5\n', flags).message).toContain('Expected float, got: abc');
    expect(defaultValidator('inf\n', '1.5\n', flags).message).toContain('Expected float, got: inf');
    expect(defaultValidator('nan\n', '1.5\n', flags).ok).toBe(false);
    expect(defaultValidator('CASE 1.0000001\n', 'Case 1\n', flags).ok).toBe(true);
    // `inf` in the answer is not a float, so it is compared as a (case-insensitive) string.
    expect(defaultValidator('INF\n', 'inf\n', flags).ok).toBe(true);
  });

  it('applies an absolute tolerance around zero; a zero tolerance means numeric equality', () => {
    expect(defaultValidator('0.0000001', '0', { float_tolerance: 1e-6 }).ok).toBe(true);
    expect(defaultValidator('1', '1.0', { float_absolute_tolerance: 0 }).ok).toBe(true);
    expect(defaultValidator('1.0000001', '1.0', { float_absolute_tolerance: 0 }).ok).toBe(false);
  });
});

describe('defaultValidator: large inputs', () => {
  it('handles a million tokens quickly and keeps messages short for huge tokens', () => {
    const answer = Array.from({ length: 1_000_000 }, (_, i) => String(i % 1000)).join('\n');
    const started = performance.now();
    expect(defaultValidator(answer, answer).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);

    const huge = 'x'.repeat(1_000_000);
    const outcome = defaultValidator(huge, 'y\n');
    expect(outcome.ok).toBe(false);
    expect(outcome.message!.length).toBeLessThan(400);
    expect(outcome.message).toContain('(1000000 bytes)');
  });
});
