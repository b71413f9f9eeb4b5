import { describe, expect, it } from 'vitest';
import { DuetError, parseRunBundle, type RunBundle } from './index.js';

const valid: RunBundle = {
  kind: 'sample',
  language: 'python',
  code: 'print(1)',
  interface: { type: 'stdio' },
  tests: [{ name: 'a', input: '', answer: '1' }],
  limits: { time_ms: 1000, memory_mb: 64, output_kb: 64 },
  checker: { type: 'default' },
};

function rejection(bundle: unknown): DuetError {
  try {
    parseRunBundle(bundle);
  } catch (error) {
    if (error instanceof DuetError) return error;
    throw error;
  }
  throw new Error('expected parseRunBundle to throw');
}

describe('parseRunBundle', () => {
  it('accepts a valid bundle, multi-file submissions and per-test validator arguments', () => {
    expect(parseRunBundle(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    const multi = { ...valid, files: { 'helpers/geometry.py': 'X = 1\n' }, tests: [{ name: 'a', input: '', answer: '1', validator_args: ['float_tolerance', '1e-6'] }] };
    expect(parseRunBundle(multi)).toEqual(multi);
  });

  it.each([
    [{ ...valid, limits: { ...valid.limits, memory_mb: 1 } }, /^limits\.memory_mb: /],
    [{ ...valid, tests: [] }, /^tests: at least one test/],
    [{ ...valid, kind: 'submit', tests: [{ name: 'a', input: '' }] }, /^tests\.0\.answer: required for submit runs/],
    [{ ...valid, interface: { type: 'function', entry: 'not valid' } }, /^interface\.entry: a Python identifier/],
    [{ ...valid, checker: { type: 'custom', language: 'python', files: { '../x.py': '' } } }, /^checker\.files/],
    [{ ...valid, checker: { type: 'default', flags: { float_tolerance: -1 } } }, /^checker\.flags\.float_tolerance/],
    [{ ...valid, files: { '/etc/passwd': '' } }, /^files/],
    [{ ...valid, code: 'x'.repeat(600_000), files: { 'a.py': 'y'.repeat(600_000) } }, /^files: at most 1 MiB of code in all/],
    [{ ...valid, extra: 1 }, /extra/],
  ])('rejects %# as BUNDLE_INVALID naming the field', (bundle, reason) => {
    const error = rejection(bundle);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(reason);
  });

  it('reports a custom input that is not a JSON array, for a function problem, as the user\'s INPUT_INVALID', () => {
    const fn = { ...valid, kind: 'custom', interface: { type: 'function', entry: 'solve' } };
    for (const input of ['5 3', '{"a": 1}', '']) {
      const error = rejection({ ...fn, tests: [{ name: 'custom', input }] });
      expect(error.code).toBe('INPUT_INVALID');
      expect(error.message).toMatch(/^tests\.0\.input: this is a function problem: the input must be a JSON array/);
    }
    expect(parseRunBundle({ ...fn, tests: [{ name: 'custom', input: '[[1, 2], 3]' }] }).tests[0]!.input).toBe('[[1, 2], 3]');
  });
});
