/** Custom output validators (Kattis contract) run in a sandbox of their own: Python and C++. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckerSpec } from '@duet/sdk/judge';
import { createSandboxDriver, judgeBundle } from '../src/index.js';
import { stdioBundle } from './engine-support.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'duet-validator-cache-'));
const driver = createSandboxDriver({ validatorCacheDir: cacheDir });
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Accepts any two numbers summing to the answer; proves it sees input, answer, output and flags. */
const PY_VALIDATOR = `
import sys
input_path, answer_path, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
target = int(open(answer_path).read())
given = open(input_path).read().strip()
team = sys.stdin.read().split()
def reject(msg):
    with open(feedback + 'judgemessage.txt', 'w') as f:
        f.write(msg)
    sys.exit(43)
if sys.argv[4:] != ['--strict']:
    sys.exit(1)
if len(team) != 2 or sum(map(int, team)) != target:
    reject('numbers %s do not sum to %d (input %s)' % (team, target, given))
with open(feedback + 'judgemessage.txt', 'w') as f:
    f.write('fine')
sys.exit(42)
`;

const CPP_VALIDATOR = `
#include <fstream>
#include <iostream>
#include "util.h"
int main(int argc, char** argv) {
  std::ifstream answer(argv[2]);
  long want; answer >> want;
  long a, b;
  if (!(std::cin >> a >> b) || a + b != want) {
    std::ofstream msg(std::string(argv[3]) + "judgemessage.txt");
    msg << "cpp says no";
    return WA_EXIT;
  }
  return 42;
}
`;

const code = 'n = int(input())\nprint(n // 2, n - n // 2) if n >= 0 else print(1, 1)\n';
const tests = [
  { name: 'even', input: '10\n', answer: '10\n' },
  { name: 'bad', input: '-1\n', answer: '7\n' },
];

describe('custom output validators', () => {
  it('Python validator: 42 = AC, 43 = WA with judgemessage.txt as the message, flags passed', async () => {
    const checker: CheckerSpec = { type: 'custom', language: 'python', files: { 'validate.py': PY_VALIDATOR }, args: ['--strict'] };
    const result = await judgeBundle(stdioBundle(code, tests, { checker }), { driver });
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'WA']);
    expect(result.tests[0]?.message).toBe('fine');
    expect(result.tests[1]?.message).toBe("numbers ['1', '1'] do not sum to 7 (input -1)");
  });

  it('a validator exiting with another code is IE, never the user’s fault', async () => {
    const checker = { type: 'custom', language: 'python', files: { 'validate.py': PY_VALIDATOR } } as const; // no --strict: exit 1
    const result = await judgeBundle(stdioBundle(code, tests.slice(0, 1), { checker }), { driver });
    expect(result.verdict).toBe('IE');
    expect(result.tests[0]?.message).toMatch(/exited with code 1/);
  });

  it('C++ validator with a header: compiled once, cached by content hash, AC/WA', async () => {
    const checker = { type: 'custom', language: 'cpp', files: { 'validate.cc': CPP_VALIDATOR, 'util.h': '#define WA_EXIT 43\n' } } as const;
    const first = await judgeBundle(stdioBundle(code, tests, { checker }), { driver });
    expect(first.tests.map((t) => t.verdict)).toEqual(['AC', 'WA']);
    expect(first.tests[1]?.message).toBe('cpp says no');
    const cached = readdirSync(cacheDir).filter((n) => /^[0-9a-f]{64}\.(json|bin)$/.test(n)).sort();
    expect(cached).toHaveLength(2); // the entry and its binary
    const again = await judgeBundle(stdioBundle(code, tests, { checker, kind: 'submit' }), { driver });
    expect(again.tests.map((t) => t.verdict)).toEqual(['AC', 'WA']);
    expect(again.tests[1]?.message).toBeUndefined(); // hidden tests: no checker feedback
    expect(readdirSync(cacheDir).filter((n) => /^[0-9a-f]{64}\.(json|bin)$/.test(n)).sort()).toEqual(cached);
  });

  it('a C++ validator that does not compile is IE with the compiler message', async () => {
    const checker = { type: 'custom', language: 'cpp', files: { 'validate.cpp': 'int main( {' } } as const;
    const result = await judgeBundle(stdioBundle(code, tests.slice(0, 1), { checker }), { driver });
    expect(result.verdict).toBe('IE');
    expect(result.tests[0]?.message).toMatch(/g\+\+ failed/);
  });
});
