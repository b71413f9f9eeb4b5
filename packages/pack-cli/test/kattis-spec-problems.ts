/**
 * Kattis problem packages written to the published specification (Kattis/problem-package-format:
 * spec/2025-09.md, the 2023-07 draft before `testdata.yaml` became `test_group.yaml`, spec/legacy.md),
 * one per feature. Each is a complete package: problem.yaml, a statement, data, an input validator
 * (the spec requires one; Duet does not run it) and submissions.
 */
export type Tree = Record<string, string>;

export const text = (...lines: string[]) => `${lines.join('\n')}\n`;
export const INPUT_VALIDATOR = text('import sys', 'for line in sys.stdin:', '    [int(t) for t in line.split()]', 'sys.exit(42)');

/** problem.yaml of a 2025-09 (or 2023-07) problem: the required keys, then `extra` lines. */
function problemYaml(version: '2025-09' | '2023-07', name: string, uuid: number, ...extra: string[]): string {
  return text(`problem_format_version: ${version}`, `name: ${name}`, `uuid: 5d7c1a42-0b6e-4c1e-9a51-${String(uuid).padStart(12, '0')}`, ...extra);
}

/** A complete 2025-09 problem around `files`: "given a b, print a + b" unless files say otherwise. */
export function modern(name: string, uuid: number, files: Tree, ...yaml: string[]): Tree {
  return {
    'problem.yaml': problemYaml('2025-09', name, uuid, ...yaml),
    'statement/problem.en.md': text('Given two integers $a$ and $b$, print $a + b$.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '-5 5\n',
    'data/secret/1.ans': '0\n',
    'submissions/accepted/add.py': text('a, b = map(int, input().split())', 'print(a + b)'),
    ...files,
  };
}

/**
 * constants: `{{max_value}}` in the statement, the output validator's source, test_group.yaml's
 * output_validator_args and an example submission. The validator is in output_validator/ (2025-09:
 * one program, no name folder) and refuses to judge unless its arguments carry the constant.
 */
export function constantsProblem(): Tree {
  return {
    'problem.yaml': problemYaml('2025-09', 'Cap', 1, 'credits: Ada Lovelace <ada@example.com>', 'constants:', '  max_value: 1000'),
    'statement/problem.en.md': text('Given an integer $x$, print $\\min(x, {{max_value}})$.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    'data/sample/test_group.yaml': 'output_validator_args: [cap, "{{max_value}}"]\n',
    'data/sample/1.in': '5\n',
    'data/sample/1.ans': '5\n',
    'data/secret/test_group.yaml': 'output_validator_args: [cap, "{{max_value}}"]\n',
    'data/secret/01.in': '999\n',
    'data/secret/01.ans': '999\n',
    'data/secret/02.in': '5000\n',
    'data/secret/02.ans': '1000\n',
    'output_validator/validate.py': text(
      'import sys',
      '',
      'MAX_VALUE = {{max_value}}',
      '',
      'def judge(ok, message):',
      "    with open(sys.argv[3] + 'judgemessage.txt', 'w') as f:",
      '        f.write(message)',
      '    sys.exit(42 if ok else 43)',
      '',
      "if sys.argv[4:] != ['cap', str(MAX_VALUE)]:",
      "    sys.exit('expected the arguments cap %d, got %r' % (MAX_VALUE, sys.argv[4:]))",
      'with open(sys.argv[1]) as f:',
      '    x = int(f.read())',
      'tokens = sys.stdin.buffer.read().split()',
      'if len(tokens) != 1 or not tokens[0].lstrip(b"-").isdigit() or len(tokens[0]) > 30:',
      "    judge(False, 'expected one integer')",
      "judge(int(tokens[0]) == min(x, MAX_VALUE), 'got %s for %d' % (tokens[0].decode(), x))",
    ),
    'submissions/accepted/cap.py': text('x = int(input())', 'print(min(x, {{max_value}}))'),
    'submissions/wrong_answer/no_cap.py': text('print(int(input()))'),
  };
}

/**
 * Included code: include/python3/ overrides include/default/ for Python, and its files overwrite
 * a submission's own files of the same name.
 */
export function includeProblem(): Tree {
  const main = text('from arith import add', 'a, b = map(int, input().split())', 'print(add(a, b))');
  return modern('Add with help', 2, {
    'statement/problem.en.md': text('Given two integers $a$ and $b$, print $a + b$. The module `arith` provides `add(a, b)`.'),
    'include/python3/arith.py': text('def add(a, b):', '    return a + b'),
    'include/default/arith.py': text('def add(a, b):', '    return a - b'),
    'submissions/accepted/add.py': main,
    'submissions/accepted/own_arith/__main__.py': main,
    'submissions/accepted/own_arith/arith.py': text('def add(a, b):', '    return a * b'),
    'submissions/wrong_answer/times.py': text('a, b = map(int, input().split())', 'print(a * b)'),
  });
}

/**
 * Output validator arguments per test group, for the default validator ("print n / 3"). 2023-07:
 * `testdata.yaml`, inherited "from the testdata.yaml in the closest ancestor group … that has one",
 * nested groups allowed. 2025-09: `test_group.yaml` in data/sample, data/secret and each group, a
 * group's folders are not groups. Both: a test case's own `.yaml` comes first.
 */
export function thirdProblem(version: '2023-07' | '2025-09'): Tree {
  const settings = version === '2025-09' ? 'test_group.yaml' : 'testdata.yaml';
  const args = (tolerance: string) => `output_validator_args: [float_tolerance, "${tolerance}"]\n`;
  // 2023-07 has a root data group (settings for sample and secret); 2025-09 puts them in data/sample.
  const root = version === '2025-09' ? { [`data/sample/${settings}`]: args('1e-6') } : { [`data/${settings}`]: args('1e-6') };
  const nested = version === '2025-09' ? 'data/secret/strict/big' : 'data/secret/loose/deeper';
  return {
    'problem.yaml': problemYaml(version, 'Third', version === '2025-09' ? 3 : 4),
    'statement/problem.en.md': text('Given an integer $n$, print $n / 3$ with an absolute or relative error of at most $10^{-7}$.'),
    'input_validators/validate.py': INPUT_VALIDATOR,
    ...root,
    'data/sample/1.in': '3\n',
    'data/sample/1.ans': '1\n',
    [`data/secret/${settings}`]: args('0.01'),
    'data/secret/loose/01.in': '1\n',
    'data/secret/loose/01.ans': '0.333333333\n',
    [`data/secret/strict/${settings}`]: args('1e-7'),
    'data/secret/strict/01.in': '4\n',
    'data/secret/strict/01.ans': '1.333333333\n',
    'data/secret/strict/02.in': '5\n',
    'data/secret/strict/02.ans': '1.666666667\n',
    'data/secret/strict/02.yaml': args('0.01'),
    [`${nested}/03.in`]: '2\n',
    [`${nested}/03.ans`]: '0.666666667\n',
    'submissions/accepted/precise.py': text('n = int(input())', "print('%.9f' % (n / 3))"),
    'submissions/wrong_answer/two_decimals.py': text('n = int(input())', "print('%.2f' % (n / 3))"),
  };
}

/** limits.time_multipliers and time_resolution, no time_limit: the limit is computed. */
export function timingProblem(): Tree {
  return modern('Timing', 5, { 'submissions/time_limit_exceeded/spin.py': text('while True:', '    pass') }, 'limits:', '  time_resolution: 0.5', '  time_multipliers:', '    ac_to_time_limit: 3', '    time_limit_to_tle: 2');
}

/** limits.time_limit: used as given ("time_resolution … is ignored if the problem provides an explicit time limit"). */
export function declaredLimitProblem(): Tree {
  return modern('Declared', 6, {}, 'limits:', '  time_limit: 2.5', '  time_resolution: 2');
}

/** name, credits and source in their map and list forms, with one statement per named language. */
export function namesProblem(): Tree {
  return modern(
    '{en: Add, sv: Addera}',
    7,
    { 'statement/problem.sv.md': text('Givet två heltal $a$ och $b$, skriv ut $a + b$.') },
    'credits:',
    '  authors: [Ada Lovelace <ada@example.com>, {name: Alan Turing, orcid: 0000-0001-7414-8743}]',
    '  testers: {name: Grace Hopper, kattis: grace}',
    '  translators:',
    '    sv: Sonja Kovalevsky',
    'source:',
    '  - name: NWERC 2024',
    '    url: https://2024.nwerc.example/contest',
    '  - SWERC 2024',
  );
}
