/**
 * A legacy-format Kattis problem package written strictly to the problemarchive.org legacy spec:
 * problem.yaml with Kattis keys only, problem_statement/problem.en.tex, data/{sample,secret} pairs,
 * a custom output validator (validation: custom) in output_validators/<name>/, and submissions in
 * accepted/ and wrong_answer/ (plus a C++ one Duet cannot run).
 *
 * The problem: given "lo hi", print any integer in [lo, hi]. Many answers are right, so the
 * default validator cannot judge it; the validator reads the input file (argv[1]), the team output
 * (stdin) and writes feedback_dir/judgemessage.txt, exiting 42 (AC) or 43 (WA).
 */
export const KATTIS_RANGE_PROBLEM: Record<string, string> = {
  'problem.yaml': [
    'problem_format_version: legacy',
    'name: Pick a Number',
    'author: Test Author',
    'source: Duet test suite',
    'license: cc by-sa',
    'rights_owner: Duet',
    'validation: custom',
    'limits:',
    '  time_multiplier: 5',
    '  memory: 256',
    '',
  ].join('\n'),
  'problem_statement/problem.en.tex': [
    '\\problemname{Pick a Number}',
    'Given two integers $lo \\le hi$, print any integer $x$ with $lo \\le x \\le hi$.',
    '\\section*{Input}',
    'One line with $lo$ and $hi$ ($-10^9 \\le lo \\le hi \\le 10^9$).',
    '\\section*{Output}',
    'One integer $x$.',
    '',
  ].join('\n'),
  'data/sample/1.in': '1 3\n',
  'data/sample/1.ans': '2\n',
  'data/secret/01-single.in': '5 5\n',
  'data/secret/01-single.ans': '5\n',
  'data/secret/02-negative.in': '-10 -2\n',
  'data/secret/02-negative.ans': '-7\n',
  'data/secret/03-wide.in': '-1000000000 1000000000\n',
  'data/secret/03-wide.ans': '0\n',
  'output_validators/range_validator/validate.py': [
    'import sys',
    '',
    'def verdict(code, message):',
    "    with open(sys.argv[3] + '/judgemessage.txt', 'w') as f:",
    "        f.write(message + '\\n')",
    '    sys.exit(code)',
    '',
    'with open(sys.argv[1]) as f:',
    '    lo, hi = map(int, f.read().split())',
    "tokens = sys.stdin.buffer.read().decode('utf-8', 'replace').split()",
    'if len(tokens) != 1:',
    "    verdict(43, 'expected exactly one integer, got %d tokens' % len(tokens))",
    'try:',
    '    x = int(tokens[0][:30])',
    'except ValueError:',
    "    verdict(43, 'not an integer: %r' % tokens[0][:20])",
    'if not lo <= x <= hi:',
    "    verdict(43, '%d is outside [%d, %d]' % (x, lo, hi))",
    "verdict(42, 'ok')",
    '',
  ].join('\n'),
  'submissions/accepted/lowest.py': 'lo, hi = map(int, input().split())\nprint(lo)\n',
  'submissions/accepted/highest.py': 'lo, hi = map(int, input().split())\nprint(hi)\n',
  'submissions/wrong_answer/one_past.py': 'lo, hi = map(int, input().split())\nprint(hi + 1)\n',
  'submissions/accepted/lowest.cpp': [
    '#include <iostream>',
    'int main() { long long lo, hi; std::cin >> lo >> hi; std::cout << lo << "\\n"; }',
    '',
  ].join('\n'),
};
