// Fixture builders for the pack-format tests: real folders in a temp dir, removed after each test.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { onTestFinished } from 'vitest';
import { inspectProblem } from '../src/pack/index.js';

export type Tree = Record<string, string>;

/** A fresh temp folder, removed when the current test finishes. */
export async function tempDir(prefix = 'duet-pack-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeTree(root: string, files: Tree): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Every file below `root` as relative path → content (for "copied unchanged" checks). */
export async function readTree(root: string): Promise<Tree> {
  const out: Tree = {};
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out[path.relative(root, abs).split(path.sep).join('/')] = await readFile(abs, 'utf8');
  }
  return out;
}

/**
 * Writes a problem folder and inspects it: its issues and warnings without line and column (tests
 * that care about positions assert them on their own).
 */
export async function inspectTree(files: Tree) {
  const dir = await tempDir();
  await writeTree(dir, files);
  const result = await inspectProblem(dir);
  const strip = (issues: typeof result.issues) => issues.map(({ line: _l, column: _c, ...rest }) => rest);
  return { dir, problem: result.problem, issues: strip(result.issues), warnings: strip(result.warnings) };
}

/** Prefix every key of a tree with a folder. */
export function under(prefix: string, files: Tree): Tree {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${prefix}/${k}`, v]));
}

/** A valid function-interface problem (two-sum), as a pack author writes it. */
export function twoSumProblem(): Tree {
  return {
    'problem.yaml': 'name: Two Sum\nlicense: cc by-sa\nlimits:\n  memory: 128\n',
    'duet.yaml': `interface:
  type: function
  entry: two_sum
  params: [{name: nums, type: "list[int]"}, {name: target, type: int}]
  returns: "list[int]"
difficulty: easy
tags: [arrays, hashing]
time_limit: 2.5
starter: {python: "def two_sum(nums, target):\\n    ...\\n"}
complexity: {expected_time: "O(nlogn)", max_n: 1000}
`,
    'problem_statement/problem.en.md': '# Two Sum\n\nReturn the indices of the two numbers that add up to target.\n',
    'data/sample/1.in': '[[2, 7, 11, 15], 9]\n',
    'data/sample/1.ans': '[0, 1]\n',
    'data/secret/group1/01.in': '[[3, 2, 4], 6]\n',
    'data/secret/group1/01.ans': '[1, 2]\n',
    'data/secret/02-large.in': '[[1, 5, 3], 8]\n',
    'data/secret/02-large.ans': '[1, 2]\n',
    'data/secret/01.in': '[[3, 3], 6]\n',
    'data/secret/01.ans': '[0, 1]\n',
    'submissions/accepted/hash.py': 'def two_sum(nums, target):\n    seen = {}\n    for i, x in enumerate(nums):\n        if target - x in seen:\n            return [seen[target - x], i]\n        seen[x] = i\n',
    'submissions/accepted/brute.cpp': '// not judged by Duet\n',
    'submissions/wrong_answer/first_two.py': 'def two_sum(nums, target):\n    return [0, 1]\n',
    'submissions/time_limit_exceeded/multi/main.py': 'def two_sum(nums, target):\n    while True: pass\n',
  };
}

/** A valid Kattis stdio problem with float tolerance and a `.timelimit` file. */
export function averageProblem(): Tree {
  return {
    'problem.yaml': 'name: Average\nvalidator_flags: float_tolerance 1e-6 case_sensitive\nlimits: {time_multiplier: 3, output: 1}\n',
    'duet.yaml': 'interface: {type: stdio}\n',
    '.timelimit': '1.5\n',
    'problem_statement/problem.md': '# Average\n',
    'data/secret/1.in': '2\n1 2\n',
    'data/secret/1.ans': '1.5\n',
    'submissions/accepted/avg.py': 'input()\nxs = list(map(int, input().split()))\nprint(sum(xs) / len(xs))\n',
  };
}

export function packYaml(problems: string[], extra = ''): string {
  return `# the pack manifest
name: "@acme/basics"
version: 1.0.0
title: Basics
license: MIT
${extra}problems:            # in order
${problems.map((p) => `  - ${p}`).join('\n')}
`;
}

/**
 * A Kattis problem written strictly to the published legacy spec: problem.yaml with only legacy
 * keys, a LaTeX statement, sample and secret data, an input format validator, a Python custom
 * output validator in output_validators/<name>/ and submissions in several languages.
 */
export function kattisLegacyProblem(): Tree {
  return {
    'problem.yaml': `source: NWERC 2024
author: Ada Lovelace
license: cc by-sa
rights_owner: NWERC jury
validation: custom
validator_flags: tolerance 1e-4
limits:
  time_multiplier: 4
  memory: 1024
keywords: geometry floating-point
`,
    'problem_statement/problem.en.tex': '\\problemname{Closest Point}\nFind the point closest to the origin.\n\\section*{Input}\nn points.\n',
    'data/sample/1.in': '2\n1 1\n3 4\n',
    'data/sample/1.ans': '1 1\n',
    'data/secret/01-small.in': '1\n0 0\n',
    'data/secret/01-small.ans': '0 0\n',
    'data/secret/02-tie.in': '2\n1 0\n0 1\n',
    'data/secret/02-tie.ans': '1 0\n',
    'input_format_validators/validate/validate.py': 'import sys\nn = int(sys.stdin.readline())\nsys.exit(42)\n',
    'output_validators/closest/validate.py': `import sys

def main():
    with open(sys.argv[1]) as f:
        points = [tuple(map(float, l.split())) for l in f.read().split('\\n')[1:] if l.strip()]
    best = min(x * x + y * y for x, y in points)
    x, y = map(float, sys.stdin.read().split())
    ok = (x, y) in points and abs(x * x + y * y - best) < 1e-4
    with open(sys.argv[3] + '/judgemessage.txt', 'w') as f:
        f.write('ok' if ok else 'not the closest point')
    sys.exit(42 if ok else 43)

main()
`,
    'output_validators/closest/geometry_helpers.py': 'EPS = 1e-4\n',
    'submissions/accepted/sol.py': 'n = int(input())\npts = [tuple(map(int, input().split())) for _ in range(n)]\nprint(*min(pts, key=lambda p: p[0] ** 2 + p[1] ** 2))\n',
    'submissions/accepted/sol.cc': '#include <cstdio>\nint main() { return 0; }\n',
    'submissions/wrong_answer/first.py': 'input()\nprint(input())\n',
    'submissions/run_time_error/crash.py': 'raise SystemExit(1)\n',
  };
}
