/**
 * 2023-07 `testdata.yaml` / 2025-09 `test_group.yaml` and test case `.yaml`: which output validator
 * arguments each test gets, and the settings Duet cannot honour.
 */
import { describe, expect, test } from 'vitest';
import { inspectTree as inspect, type Tree } from '../../test/pack-fixtures.js';
import { bundleFromProblem } from './index.js';

function problemTree(version: '2023-07' | '2025-09', data: Tree, yaml = ''): Tree {
  return {
    'problem.yaml': `problem_format_version: ${version}\nname: Third\nuuid: 3b0d0a8e-0c57-4b0b-9f43-5a1f2c7d9e01\n${yaml}`,
    'statement/problem.en.md': 'Print $n / 3$.\n',
    'submissions/accepted/third.py': 'print(int(input()) / 3)\n',
    ...data,
  };
}

/** `name.in`/`name.ans` pairs for each test name under data/. */
function tests(...names: string[]): Tree {
  return Object.fromEntries(names.flatMap((name) => [[`data/${name}.in`, '3\n'], [`data/${name}.ans`, '1\n']]));
}


const args = (...values: string[]) => `output_validator_args: [${values.map((v) => JSON.stringify(v)).join(', ')}]\n`;

describe('output_validator_args per test', () => {
  test('2023-07 testdata.yaml: the closest ancestor group that sets them, a test case .yaml first', async () => {
    const { problem, issues } = await inspect(
      problemTree('2023-07', {
        ...tests('sample/1', 'secret/a/1', 'secret/a/deep/2', 'secret/b/1', 'secret/b/2'),
        'data/testdata.yaml': args('float_tolerance', '1e-6'),
        'data/secret/a/testdata.yaml': args('float_tolerance', '0.1'),
        'data/secret/b/testdata.yaml': 'full_feedback: true\n',
        'data/secret/b/2.yaml': args('case_sensitive'),
      }),
    );
    expect(issues).toEqual([]);
    expect(Object.fromEntries(problem!.tests.map((t) => [t.name, t.validatorArgs]))).toEqual({
      'sample/1': ['float_tolerance', '1e-6'],
      'secret/a/1': ['float_tolerance', '0.1'],
      'secret/a/deep/2': ['float_tolerance', '0.1'],
      'secret/b/1': ['float_tolerance', '1e-6'],
      'secret/b/2': ['case_sensitive'],
    });
    const bundle = await bundleFromProblem(problem!, { code: 'x', kind: 'submit', timeLimitMs: 1000 });
    expect(bundle.tests.find((t) => t.name === 'secret/b/2')).toEqual({ name: 'secret/b/2', input: '3\n', answer: '1\n', validator_args: ['case_sensitive'] });
  });

  test('2025-09 test_group.yaml: in data/sample, data/secret and each group; constants replaced, not in a test case .yaml', async () => {
    const { problem, issues, warnings } = await inspect(
      problemTree(
        '2025-09',
        {
          ...tests('sample/1', 'secret/g1/1', 'secret/g1/more/2', 'secret/g2/1'),
          'data/sample/test_group.yaml': args('float_tolerance', '{{tol}}'),
          'data/secret/g1/test_group.yaml': args('float_relative_tolerance', '{{tol}}'),
          'data/secret/g2/1.yaml': 'output_validator_args: [float_tolerance, "{{tol}}"]\n',
          'data/secret/testdata.yaml': args('case_sensitive'),
        },
        'constants: {tol: 0.5}\n',
      ),
    );
    expect(issues).toEqual([
      { file: 'data/secret/g2/1.yaml', field: 'output_validator_args', message: 'float_tolerance: expected a non-negative number, got "{{tol}}"' },
    ]);
    expect(warnings).toEqual([{ file: 'data/secret/testdata.yaml', message: 'ignored: the 2025-09 format reads test data settings from test_group.yaml' }]);
    expect(problem).toBeNull();
  });

  test('2025-09: inherited from the group, and from data/secret; a test_group.yaml below a group is misplaced', async () => {
    const data = {
      ...tests('secret/g1/1', 'secret/g1/more/2', 'secret/g2/1'),
      'data/secret/test_group.yaml': args('float_tolerance', '0.5'),
      'data/secret/g1/test_group.yaml': args('float_relative_tolerance', '0.25'),
    };
    const { problem } = await inspect(problemTree('2025-09', data));
    expect(problem!.tests.map((t) => t.validatorArgs)).toEqual([
      ['float_relative_tolerance', '0.25'],
      ['float_relative_tolerance', '0.25'],
      ['float_tolerance', '0.5'],
    ]);
    const misplaced = await inspect(problemTree('2025-09', { ...data, 'data/secret/g1/more/test_group.yaml': 'full_feedback: true\n' }));
    expect(misplaced.issues).toEqual([{ file: 'data/secret/g1/more/test_group.yaml', message: expect.stringMatching(/^misplaced: test_group.yaml belongs in data\/sample, data\/secret or a test data group/) }]);
  });
});

test('legacy testdata.yaml output_validator_flags are not applied, and a warning says so', async () => {
  const { problem, warnings } = await inspect({
    'problem.yaml': 'name: Third\n',
    'problem_statement/problem.en.md': 'Print $n / 3$.\n',
    'submissions/accepted/third.py': 'print(int(input()) / 3)\n',
    ...tests('secret/g/1'),
    'data/secret/g/testdata.yaml': 'output_validator_flags: float_tolerance 1e-6\n',
  });
  expect(problem!.tests[0]!.validatorArgs).toBeUndefined();
  expect(warnings).toEqual([
    { file: 'data/secret/g/testdata.yaml', field: 'output_validator_flags', message: 'not applied: Duet judges legacy problems with problem.yaml validator_flags only' },
  ]);
});

describe('settings Duet cannot honour are errors naming the file and key', () => {
  test('submission args, scoring keys in a pass-fail problem, a static validator, unknown keys', async () => {
    const { issues } = await inspect(
      problemTree('2025-09', {
        ...tests('secret/g/1'),
        'data/secret/test_group.yaml': 'max_score: 100\nscore_aggregation: sum\nstatic_validation_score: 5\n',
        'data/secret/g/test_group.yaml': 'args: [--fast]\ntimelimit: 3\n',
      }),
    );
    expect(issues).toEqual([
      { file: 'data/secret/g/test_group.yaml', field: 'timelimit', message: expect.stringMatching(/^unknown key \(allowed keys: max_score, /) },
      { file: 'data/secret/test_group.yaml', field: 'max_score', message: expect.stringContaining('is for scoring problems') },
      { file: 'data/secret/test_group.yaml', field: 'score_aggregation', message: expect.stringContaining('is for scoring problems') },
      { file: 'data/secret/test_group.yaml', field: 'static_validation_score', message: 'needs a static validator, which Duet does not run' },
    ]);
    const withArgs = await inspect(problemTree('2023-07', { ...tests('secret/1'), 'data/secret/1.yaml': 'args: [--fast]\n' }));
    expect(withArgs.issues).toEqual([
      { file: 'data/secret/1.yaml', field: 'args', message: "Duet's judge does not pass command-line arguments to submissions: expected no args" },
    ]);
  });

  test('2025-09 data/secret holds test cases or groups, never both', async () => {
    const { issues } = await inspect(problemTree('2025-09', tests('secret/1', 'secret/g/1')));
    expect(issues).toEqual([{ file: 'data/secret', message: 'has both test cases and test data groups: expected only one kind (2025-09)' }]);
  });
});
