import { describe, expect, it } from 'vitest';
import { CheckerError } from './check-outcome.js';
import { jsonAnswerValidator } from './json-answer-validator.js';

describe('jsonAnswerValidator: equality', () => {
  it('accepts deep-equal values regardless of formatting and key order', () => {
    expect(jsonAnswerValidator('[0, 1]', '[0,1]')).toEqual({ ok: true });
    expect(jsonAnswerValidator('{"b": [true, null], "a": "x"}', '{"a":"x","b":[true,null]}')).toEqual({ ok: true });
    expect(jsonAnswerValidator(' "\\u00e9" ', '"é"')).toEqual({ ok: true });
  });

  it('treats numerically equal numbers as equal (3 == 3.0 == 3e0)', () => {
    expect(jsonAnswerValidator('3.0', '3').ok).toBe(true);
    expect(jsonAnswerValidator('[3e0, -0]', '[3, 0]').ok).toBe(true);
  });

  it('compares big integers exactly, beyond 2^53', () => {
    expect(jsonAnswerValidator('12345678901234567891', '12345678901234567890')).toEqual({
      ok: false,
      message: '$: expected 12345678901234567890, got 12345678901234567891',
    });
    expect(jsonAnswerValidator('12345678901234567890', '12345678901234567890').ok).toBe(true);
  });

  it('accepts Python json.dumps non-finite floats', () => {
    expect(jsonAnswerValidator('[NaN, Infinity, -Infinity]', '[NaN, Infinity, -Infinity]').ok).toBe(true);
    expect(jsonAnswerValidator('NaN', '1.5').ok).toBe(false);
    expect(jsonAnswerValidator('Infinity', '-Infinity').ok).toBe(false);
  });
});

describe('jsonAnswerValidator: mismatch messages name the JSON path', () => {
  it('points at the first mismatch in document order', () => {
    expect(jsonAnswerValidator('[1, 2, {"name": 4}]', '[1, 2, {"name": 3}]').message).toBe('$[2].name: expected 3, got 4');
    expect(jsonAnswerValidator('[9, 9]', '[1, 2]').message).toBe('$[0]: expected 1, got 9');
    expect(jsonAnswerValidator('{"a b": 1}', '{"a b": 2}').message).toBe('$["a b"]: expected 2, got 1');
  });

  it('reports type, length and key differences', () => {
    expect(jsonAnswerValidator('"3"', '3').message).toBe('$: expected 3, got "3"');
    expect(jsonAnswerValidator('null', '[1]').message).toBe('$: expected [1], got null');
    expect(jsonAnswerValidator('[1, 2, 3]', '[1, 2]').message).toBe('$: expected an array of 2 items, got 3: [1,2,3]');
    expect(jsonAnswerValidator('{"x": 1}', '{"x": 1, "y": 2}').message).toBe('$.y: missing key (expected 2)');
    expect(jsonAnswerValidator('{"x": 1, "z": 0}', '{"x": 1}').message).toBe('$.z: unexpected key (got 0)');
    expect(jsonAnswerValidator('true', 'false').message).toBe('$: expected false, got true');
  });

  it('cuts long values short in messages', () => {
    const long = JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i));
    const outcome = jsonAnswerValidator(long, '[]');
    expect(outcome.ok).toBe(false);
    expect(outcome.message!.length).toBeLessThan(250);
  });

  it('rejects output that is not JSON as a wrong answer', () => {
    const outcome = jsonAnswerValidator('[1, 2', '[1, 2]');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^Output is not valid JSON: .* at position 5$/);
    expect(jsonAnswerValidator('[1] x', '[1]').message).toContain('Unexpected data after the JSON value');
    expect(jsonAnswerValidator("{'a': 1}", '{"a": 1}').ok).toBe(false);
  });

  it('throws a CheckerError (judge fault) when the answer is not JSON', () => {
    expect(() => jsonAnswerValidator('1', 'nope')).toThrow(CheckerError);
    try {
      jsonAnswerValidator('1', '{');
    } catch (error) {
      expect((error as CheckerError).code).toBe('ANSWER_INVALID');
    }
  });

  it('survives deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(1500) + '1' + ']'.repeat(1500);
    expect(jsonAnswerValidator(deep, deep).ok).toBe(true);
    expect(jsonAnswerValidator('['.repeat(5000) + ']'.repeat(5000), '1').message).toContain('Nesting deeper than');
  });
});

describe('jsonAnswerValidator: float tolerances', () => {
  it('uses the Kattis tolerance rule when a tolerance is set', () => {
    expect(jsonAnswerValidator('0.30000000000000004', '0.3', { float_tolerance: 1e-9 }).ok).toBe(true);
    expect(jsonAnswerValidator('[1.05]', '[1]', { float_absolute_tolerance: 0.1 }).ok).toBe(true);
    expect(jsonAnswerValidator('[1000.5]', '[1000]', { float_relative_tolerance: 1e-3 }).ok).toBe(true);
    expect(jsonAnswerValidator('{"v": 0.31}', '{"v": 0.3}', { float_tolerance: 1e-9 }).message).toBe(
      '$.v: expected 0.3, got 0.31 (difference -1.000000e-02 exceeds abs tol 1.000000e-09, rel tol 1.000000e-09)',
    );
    expect(jsonAnswerValidator('1.5', '1', { float_relative_tolerance: 0.1 }).message).toBe(
      '$: expected 1, got 1.5 (difference -5.000000e-01 exceeds rel tol 1.000000e-01)',
    );
  });

  it('compares exactly without a tolerance', () => {
    expect(jsonAnswerValidator('0.30000000000000004', '0.3').ok).toBe(false);
  });

  it('ignores case and space flags (strings are exact)', () => {
    expect(jsonAnswerValidator('"ABC"', '"abc"', { case_sensitive: false }).ok).toBe(false);
  });
});
