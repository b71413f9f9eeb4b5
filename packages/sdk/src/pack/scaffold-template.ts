/**
 * The files of a new pack: one function-interface problem (maximum subarray sum) with a statement,
 * samples, secret tests (one large enough that a quadratic solution times out), and accepted,
 * wrong-answer and too-slow submissions, so `duet-pack test` has something real to check.
 */
export const EXAMPLE_PROBLEM_ID = 'max-subarray';

/** A deterministic pseudo-random array (no Math.random: the scaffold output is reproducible). */
function largeArray(n: number): number[] {
  let state = 20240917;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // xorshift32: integer-exact in JavaScript, unlike a multiplicative LCG on doubles.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out.push((state % 2001) - 1000);
  }
  return out;
}

function maxSubarray(nums: number[]): number {
  let best = nums[0]!;
  let current = 0;
  for (const x of nums) {
    current = Math.max(x, current + x);
    best = Math.max(best, current);
  }
  return best;
}

const test = (nums: number[]) => ({ in: `${JSON.stringify([nums])}\n`, ans: `${maxSubarray(nums)}\n` });

export function scaffoldFiles(name: string, title: string): Record<string, string> {
  const p = `problems/${EXAMPLE_PROBLEM_ID}`;
  const tests: Record<string, { in: string; ans: string }> = {
    'sample/1': test([-2, 1, -3, 4, -1, 2, 1, -5, 4]),
    'sample/2': test([5, 4, -1, 7, 8]),
    'secret/01-single': test([7]),
    'secret/02-all-negative': test([-3, -1, -2]),
    'secret/03-mixed': test([2, -8, 3, -2, 4, -10, 6, -1, 2]),
    // 20 000 numbers: linear time is instant, the quadratic submission takes many seconds.
    'secret/04-large': test(largeArray(20_000)),
  };
  const files: Record<string, string> = {
    'pack.yaml': `# Duet problem pack. Validate with \`duet-pack validate\`, check submissions with \`duet-pack test\`.
name: "${name}"
version: 0.1.0
title: ${JSON.stringify(title)}
description: Example pack created by duet-pack init.
license: MIT
authors: []
price: 0                  # 0 = free, or {amount: 9.99, currency: usd}
runtime: {image: "duet/python:3.11", language: python, version: "3.11"}
problems:                 # problem ids in order; each is a folder problems/<id>/
  - ${EXAMPLE_PROBLEM_ID}
`,
    [`${p}/problem.yaml`]: `# Kattis problem package metadata (legacy format); Duet's additions live in duet.yaml.
name: Maximum Subarray
license: cc by-sa
limits:
  memory: 256             # MiB
`,
    [`${p}/duet.yaml`]: `interface:
  type: function
  entry: max_subarray
  params:
    - {name: nums, type: "list[int]"}
  returns: int
checker: default
difficulty: medium
tags: [arrays, dynamic-programming]
time_limit: 1.0           # seconds; omit to compute it from the accepted submissions
starter:
  python: |
    def max_subarray(nums: list[int]) -> int:
        ...
complexity:
  expected_time: O(n)
  expected_space: O(1)
  generator: generators/probe.py
  max_n: 100000
`,
    [`${p}/problem_statement/problem.en.md`]: `# Maximum Subarray

Given a non-empty list of integers \`nums\`, return the largest sum of a contiguous, non-empty
sublist.

## Input

\`max_subarray(nums: list[int]) -> int\`, with 1 ≤ len(nums) ≤ 10^5 and -1000 ≤ nums[i] ≤ 1000.

## Output

The maximum sum.

## Example

\`max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])\` returns \`6\` (the sublist \`[4, -1, 2, 1]\`).
`,
    [`${p}/generators/probe.py`]: `def generate(n, rng):
    """One test input of size n: the JSON argument list for max_subarray."""
    return [[rng.randint(-1000, 1000) for _ in range(n)]]
`,
    [`${p}/submissions/accepted/kadane.py`]: `def max_subarray(nums):
    best = nums[0]
    current = 0
    for x in nums:
        current = max(x, current + x)
        best = max(best, current)
    return best
`,
    [`${p}/submissions/wrong_answer/never_negative.py`]: `def max_subarray(nums):
    # Bug: an empty sublist is not allowed, so an all-negative list must not give 0.
    best = current = 0
    for x in nums:
        current = max(0, current + x)
        best = max(best, current)
    return best
`,
    [`${p}/submissions/time_limit_exceeded/quadratic.py`]: `def max_subarray(nums):
    best = nums[0]
    for i in range(len(nums)):
        total = 0
        for j in range(i, len(nums)):
            total += nums[j]
            best = max(best, total)
    return best
`,
  };
  for (const [name, data] of Object.entries(tests)) {
    files[`${p}/data/${name}.in`] = data.in;
    files[`${p}/data/${name}.ans`] = data.ans;
  }
  return files;
}
