/**
 * More spec-written Kattis packages (see kattis-spec-problems.ts): how submissions are judged
 * (multi-file programs, submissions.yaml), what Duet refuses, and contest-archive legacy files.
 */
import { INPUT_VALIDATOR, modern, text, type Tree } from './kattis-spec-problems.js';

/** A multi-file Python submission: a folder whose `__main__.py` imports a sibling module. */
export function multiFileProblem(): Tree {
  return modern('Split', 8, {
    'submissions/accepted/split/__main__.py': text('from solver import solve', 'print(solve(input()))'),
    'submissions/accepted/split/solver.py': text('def solve(line):', '    a, b = map(int, line.split())', '    return a + b'),
    'submissions/run_time_error/missing/__main__.py': text('import helper', 'import no_such_module_anywhere', 'print(helper.X)'),
    'submissions/run_time_error/missing/helper.py': text('X = 1'),
  });
}

const LARGE_N = 100_000;
const large = Array.from({ length: LARGE_N }, (_, i) => i % 10);

/**
 * submissions.yaml: globs over submissions and test cases, permitted and required verdict sets, a
 * default directory's keys replaced (wrong_answer may crash too), a judge message to find, and the
 * default directories rejected/ and brute_force/. "Given n and n integers, print their sum."
 */
export function expectationsProblem(submissionsYaml = EXPECTATIONS_YAML): Tree {
  return {
    'problem.yaml': text('problem_format_version: 2025-09', 'name: Sum', 'uuid: 5d7c1a42-0b6e-4c1e-9a51-000000000009'),
    'statement/problem.en.md': text('Given $n$ and $n$ integers, print their sum.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    'data/sample/1.in': '3\n1 2 3\n',
    'data/sample/1.ans': '6\n',
    'data/secret/01-small.in': '4\n1 1 1 1\n',
    'data/secret/01-small.ans': '4\n',
    'data/secret/02-large.in': `${LARGE_N}\n${large.join(' ')}\n`,
    'data/secret/02-large.ans': `${large.reduce((a, b) => a + b, 0)}\n`,
    'output_validator/validate.py': text(
      'import sys',
      'with open(sys.argv[2]) as f:',
      '    expected = f.read().split()',
      'got = sys.stdin.buffer.read().split()',
      'expected = [e.encode() for e in expected]',
      'ok = got == expected',
      "with open(sys.argv[3] + 'judgemessage.txt', 'w') as f:",
      "    f.write('correct' if ok else 'expected %s, got %r' % (b' '.join(expected).decode(), b' '.join(got)[:20]))",
      'sys.exit(42 if ok else 43)',
    ),
    'submissions/submissions.yaml': submissionsYaml,
    'submissions/accepted/sum.py': text('input()', 'print(sum(map(int, input().split())))'),
    'submissions/time_limit_exceeded/quadratic.py': text(
      'input()',
      'xs = list(map(int, input().split()))',
      'total = 0',
      'while xs:',
      '    total += xs[0]',
      '    xs = xs[1:]',
      'print(total)',
    ),
    'submissions/wrong_answer/off_by_one.py': text('input()', 'print(sum(map(int, input().split())) + 1)'),
    'submissions/wrong_answer/crashes_on_large.py': text('n = int(input())', 'if n > 1000:', "    raise ValueError('too many')", 'print(sum(map(int, input().split())) + 1)'),
    'submissions/brute_force/recursive.py': text(
      'def total(xs, i):',
      '    return 0 if i == len(xs) else xs[i] + total(xs, i + 1)',
      'input()',
      'print(total(list(map(int, input().split())), 0))',
    ),
    'submissions/rejected/silent.py': text('input()'),
  };
}

export const EXPECTATIONS_YAML = text(
  'accepted/sum.py:',
  '  language: python3',
  '  model_solution: true',
  'time_limit_exceeded/quadratic.py:',
  '  sample:',
  '    permitted: [AC]',
  '  secret/*-small:',
  '    permitted: [AC]',
  '  secret/*-large:',
  '    permitted: [AC, TLE]',
  '    required: [TLE]',
  '# Replaces the default directory\'s `permitted`; its `required: [WA]` stays.',
  'wrong_answer:',
  '  permitted: [AC, WA, RTE]',
  'wrong_answer/off_by_one.py:',
  '  message: expected',
  '"{brute_force,rejected}":',
  '  authors: Ada Lovelace',
);

/** Otherwise valid problems of each type Duet refuses, by the name the refusal must give. */
export function refusedTypeProblems(): Record<string, Tree> {
  const validator = { 'output_validator/validate.py': text('import sys', 'sys.exit(42)') };
  const legacy = (yaml: string[]): Tree => ({
    'problem.yaml': text('name: Legacy', ...yaml),
    'problem_statement/problem.en.tex': text('\\problemname{Legacy}', 'Print $a + b$.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    'data/secret/1.in': '1 2\n',
    'data/secret/1.ans': '3\n',
    'output_validators/check/check.py': text('import sys', 'sys.exit(42)'),
    'submissions/accepted/add.py': text('a, b = map(int, input().split())', 'print(a + b)'),
  });
  return {
    interactive: modern('Guess', 10, validator, 'type: interactive'),
    'multi-pass': modern('Passes', 11, validator, 'type: [pass-fail, multi-pass]', 'limits:', '  validation_passes: 3'),
    'submit-answer': modern('Answers', 12, {}, 'type: submit-answer'),
    scoring: modern('Points', 13, {}, 'type: scoring'),
    'legacy interactive': legacy(['validation: custom interactive']),
    'legacy scoring': legacy(['type: scoring', 'validation: custom score']),
  };
}

/** A legacy key in a 2025-09 problem.yaml: "Any unknown keys should be treated as an error." */
export function unknownKeyProblem(): Tree {
  return modern('Add', 14, {}, 'author: Ada Lovelace');
}

/** problem.yaml as contest archives write it: `name` as a language map, keys with empty values. */
export function contestArchiveProblem(): Tree {
  return {
    'problem.yaml': text('source: NWERC 2023', 'source_url:', 'license: cc by-sa', 'rights_owner: NWERC jury', 'name:', '  en: Hello Archive', 'validator_flags:'),
    'problem_statement/problem.en.tex': text('\\problemname{Hello Archive}', 'Given two integers, print their sum.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '40 2\n',
    'data/secret/1.ans': '42\n',
    'submissions/accepted/add.py': text('a, b = map(int, input().split())', 'print(a + b)'),
    'submissions/wrong_answer/sub.py': text('a, b = map(int, input().split())', 'print(a - b)'),
  };
}

/** A legacy problem with samples and no data/secret: a warning, and the samples are what is judged. */
export function samplesOnlyProblem(): Tree {
  const { 'data/secret/1.in': _in, 'data/secret/1.ans': _ans, ...rest } = contestArchiveProblem();
  return { ...rest, 'data/sample/2.in': '-1 1\n', 'data/sample/2.ans': '0\n' };
}
