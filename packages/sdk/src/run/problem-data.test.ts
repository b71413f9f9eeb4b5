import { expect, test } from 'vitest';
import { parseRunBundle } from './bundle.js';
import { parseProblemData, runBundleFromProblemData, type ProblemData } from './problem-data.js';

const data: ProblemData = {
  format: 1,
  interface: { type: 'function', entry: 'solve' },
  limits: { time_ms: 1000, memory_mb: 256, output_kb: 1024 },
  checker: { type: 'default' },
  tests: { sample: [{ name: 'sample/1', input: '[1]', answer: '1' }], secret: [{ name: 'secret/1', input: '[2]', answer: '2' }] },
  complexity: { generator: 'def generate(n, rng):\n    return [n]\n' },
};

test('a run bundle per kind: samples, hidden tests with the probe, or one custom input', () => {
  const sample = parseRunBundle(runBundleFromProblemData(data, { kind: 'sample', code: 'x' }));
  expect(sample.tests.map((t) => t.name)).toEqual(['sample/1']);
  expect(sample.complexity).toBeUndefined();
  const submit = parseRunBundle(runBundleFromProblemData(data, { kind: 'submit', code: 'x', files: { 'util.py': '' } }));
  expect(submit).toMatchObject({ tests: [{ name: 'secret/1' }], complexity: data.complexity, files: { 'util.py': '' } });
  const custom = parseRunBundle(runBundleFromProblemData(data, { kind: 'custom', code: 'x', stdin: '[3]' }));
  expect(custom.tests).toEqual([{ name: 'custom', input: '[3]' }]);
});

test('parseProblemData names the bad field', () => {
  expect(parseProblemData(JSON.parse(JSON.stringify(data)))).toEqual(data);
  expect(() => parseProblemData({ ...data, tests: { sample: [], secret: [] } })).toThrow(/tests\.secret/);
});
