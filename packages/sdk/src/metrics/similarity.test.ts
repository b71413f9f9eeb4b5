/**
 * Similarity on a corpus the test generates: for each problem, an original solution and copies
 * disguised by renaming identifiers, reordering functions, and changing comments and whitespace,
 * against independent correct solutions of the same problem. Prints precision and recall.
 */
import { describe, expect, test } from 'vitest';
import { pythonTokens } from './python-tokens.js';
import { similarTo, type Submission } from './similarity.js';

const SOLUTIONS: Record<string, string[]> = {
  'two-sum': [
    `def two_sum(nums, target):
    seen = {}
    for i, value in enumerate(nums):
        need = target - value
        if need in seen:
            return [seen[need], i]
        seen[value] = i
    return []


def parse(line):
    return [int(x) for x in line.split()]


def main():
    nums = parse(input())
    target = int(input())
    print(*two_sum(nums, target))
`,
    `import sys

def solve(arr, goal):
    order = sorted(range(len(arr)), key=lambda k: arr[k])
    lo, hi = 0, len(arr) - 1
    while lo < hi:
        total = arr[order[lo]] + arr[order[hi]]
        if total == goal:
            return sorted([order[lo], order[hi]])
        if total < goal:
            lo += 1
        else:
            hi -= 1
    return None

data = sys.stdin.read().split()
print(solve(list(map(int, data[:-1])), int(data[-1])))
`,
  ],
  'bfs-grid': [
    `from collections import deque


def neighbours(grid, r, c):
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(grid) and 0 <= nc < len(grid[0]) and grid[nr][nc] != '#':
            yield nr, nc


def shortest(grid, start, goal):
    dist = {start: 0}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == goal:
            return dist[cell]
        for nxt in neighbours(grid, *cell):
            if nxt not in dist:
                dist[nxt] = dist[cell] + 1
                queue.append(nxt)
    return -1
`,
    `def shortest_path(board, src, dst):
    rows = len(board)
    cols = len(board[0])
    frontier = [src]
    visited = set([src])
    steps = 0
    while frontier:
        nxt = []
        for (y, x) in frontier:
            if (y, x) == dst:
                return steps
            for y2, x2 in [(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)]:
                if y2 < 0 or x2 < 0 or y2 >= rows or x2 >= cols:
                    continue
                if board[y2][x2] == '#' or (y2, x2) in visited:
                    continue
                visited.add((y2, x2))
                nxt.append((y2, x2))
        frontier = nxt
        steps += 1
    return -1
`,
  ],
  lis: [
    `import bisect


def lis_length(seq):
    tails = []
    for x in seq:
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x
    return len(tails)


def read_numbers():
    n = int(input())
    return list(map(int, input().split()))[:n]


print(lis_length(read_numbers()))
`,
    `def longest_increasing(a):
    if not a:
        return 0
    best = [1] * len(a)
    for i in range(1, len(a)):
        for j in range(i):
            if a[j] < a[i] and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
    return max(best)

n = int(input())
values = [int(t) for t in input().split()]
print(longest_increasing(values))
`,
  ],
  'merge-intervals': [
    `def merge(intervals):
    intervals.sort(key=lambda iv: iv[0])
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def fmt(intervals):
    return '\\n'.join(f'{a} {b}' for a, b in intervals)
`,
    `def merge_all(spans):
    result = []
    for lo, hi in sorted(spans):
        if not result or result[-1][1] < lo:
            result.append([lo, hi])
            continue
        last = result.pop()
        result.append([last[0], hi if hi > last[1] else last[1]])
    return result
`,
  ],
  'balanced-brackets': [
    `PAIRS = {')': '(', ']': '[', '}': '{'}


def balanced(text):
    stack = []
    for ch in text:
        if ch in '([{':
            stack.append(ch)
        elif ch in PAIRS:
            if not stack or stack.pop() != PAIRS[ch]:
                return False
    return not stack


def main():
    for line in open(0):
        print('yes' if balanced(line.strip()) else 'no')
`,
    `def is_balanced(s):
    depth = {'(': 0, '[': 0, '{': 0}
    opened = []
    closing = dict(zip(')]}', '([{'))
    i = 0
    while i < len(s):
        c = s[i]
        i += 1
        if c in depth:
            opened.append(c)
            continue
        if c in closing:
            if len(opened) == 0:
                return False
            top = opened[-1]
            opened = opened[:-1]
            if top != closing[c]:
                return False
    return len(opened) == 0
`,
  ],
};

/** Every identifier the solution defines or uses (except keywords and builtins) gets a new name. */
function renameIdentifiers(code: string, suffix: string): string {
  const keep = new Set(['print', 'input', 'int', 'len', 'range', 'enumerate', 'sorted', 'list', 'map', 'max', 'min', 'set', 'dict', 'zip', 'open', 'sys', 'deque', 'bisect', 'collections', 'str', 'True', 'False', 'None']);
  const names = new Set(pythonTokens(code).filter((t) => t.token === 'V').map((t) => code.slice(t.from, t.to)));
  let out = code;
  for (const name of names) if (!keep.has(name)) out = out.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name.length > 2 ? name.split('').reverse().join('') : name}_${suffix}`);
  return out;
}

/** Top-level blocks (functions and statements) in reverse order. */
function reorderFunctions(code: string): string {
  const blocks = code.split(/\n(?=\S)/).filter((b) => b.trim());
  const imports = blocks.filter((b) => /^(import|from)\b/.test(b));
  const defs = blocks.filter((b) => /^def\b/.test(b));
  const rest = blocks.filter((b) => !imports.includes(b) && !defs.includes(b));
  return [...imports, ...defs.reverse(), ...rest].join('\n\n');
}

/** Comments added and removed, blank lines, spaces around operators, two-space indentation. */
function reformat(code: string): string {
  return code
    .split('\n')
    .map((line, i) => {
      const indent = /^ */.exec(line)![0].length;
      const body = line.trim().replace(/ = /g, '=').replace(/, /g, ',');
      const out = ' '.repeat(indent / 2) + body;
      return i % 4 === 1 && body ? `${' '.repeat(indent / 2)}# step ${i}\n${out}  # note` : out;
    })
    .join('\n\n');
}

describe('similarity across submissions', () => {
  const corpus: Array<Submission & { problem: string; family: string }> = [];
  for (const [problem, [original, independent]] of Object.entries(SOLUTIONS)) {
    corpus.push({ id: `${problem}/original`, code: original!, problem, family: `${problem}/a` });
    corpus.push({ id: `${problem}/renamed`, code: renameIdentifiers(original!, 'r'), problem, family: `${problem}/a` });
    corpus.push({ id: `${problem}/reordered`, code: reorderFunctions(original!), problem, family: `${problem}/a` });
    corpus.push({ id: `${problem}/reformatted`, code: reformat(original!), problem, family: `${problem}/a` });
    corpus.push({ id: `${problem}/all-three`, code: reformat(reorderFunctions(renameIdentifiers(original!, 'z'))), problem, family: `${problem}/a` });
    corpus.push({ id: `${problem}/independent`, code: independent!, problem, family: `${problem}/b` });
  }
  const THRESHOLD = 0.5;

  test('disguised copies score strongly, independent correct solutions low; precision and recall printed', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lows: number[] = [];
    const highs: number[] = [];
    for (const target of corpus) {
      // Compared within the problem, as the service does (same problem, same org).
      const peers = corpus.filter((c) => c.problem === target.problem);
      for (const match of similarTo(target, peers, { top: 10 })) {
        const same = corpus.find((c) => c.id === match.id)!.family === target.family;
        (same ? highs : lows).push(match.score);
        if (match.score >= THRESHOLD) same ? tp++ : fp++;
        else if (same) fn++;
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`similarity: ${tp + fn} copy pairs, ${lows.length} independent pairs; threshold ${THRESHOLD}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; copies min ${Math.min(...highs).toFixed(2)}, independent max ${Math.max(...lows).toFixed(2)}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...lows)).toBeLessThan(0.35);
  });

  test('renamed copy: near 1, with matched regions covering the functions', () => {
    const [original, renamed] = [corpus[0]!, corpus[1]!];
    const [match] = similarTo(original, [renamed]);
    expect(match!.score).toBeGreaterThan(0.9);
    expect(match!.regions.length).toBeGreaterThan(0);
    expect(match!.regions[0]!.submission.startLine).toBeGreaterThanOrEqual(1);
    const region = match!.regions[0]!;
    expect(region.submission.text).toBe(original.code.split('\n').slice(region.submission.startLine - 1, region.submission.endLine).join('\n'));
    expect(region.other.text).toContain('_r'); // the renamed side shows its own names
  });

  test('starter code is excluded: solutions sharing only the starter score low with it, high without', () => {
    const starter = `import sys


def read_input():
    data = sys.stdin.read().split()
    n = int(data[0])
    return [int(x) for x in data[1:n + 1]]


def write_output(answer):
    sys.stdout.write(str(answer) + "\\n")


def solve(values):
    """Return the answer for the values."""
    pass
`;
    const a = { id: 'a', code: starter.replace('    pass', '    best = 0\n    for v in values:\n        best = max(best, v)\n    return best') + '\nwrite_output(solve(read_input()))\n' };
    const b = { id: 'b', code: starter.replace('    pass', '    total = sum(values)\n    if total % 2:\n        return -1\n    return total // 2') + '\nwrite_output(solve(read_input()))\n' };
    const without = similarTo(a, [b])[0]!.score;
    const withStarter = similarTo(a, [b], { starter })[0]!.score;
    console.log(`starter shared: similarity ${without.toFixed(2)} counting it, ${withStarter.toFixed(2)} excluding it`);
    expect(without).toBeGreaterThan(0.6);
    expect(withStarter).toBeLessThan(0.25);
  });

  test('the limit, printed: the textbook idiom written independently is still similar', () => {
    // Two people writing the canonical dictionary two-sum produce the same tokens modulo names:
    // winnowing cannot tell that from a renamed copy. Why the report says similarity, not plagiarism.
    const textbook = `class Solution:\n    def twoSum(self, nums, target):\n        lookup = dict()\n        for pos, n in enumerate(nums):\n            other = target - n\n            if other in lookup:\n                return [lookup[other], pos]\n            lookup[n] = pos\n`;
    const [match] = similarTo({ id: 'original', code: SOLUTIONS['two-sum']![0]! }, [{ id: 'textbook', code: textbook }]);
    console.log(`similarity: an independent textbook two-sum scores ${match!.score.toFixed(2)} against the original`);
    expect(match!.score).toBeGreaterThan(0);
  });

  test('tokens abstract identifiers and literals and drop comments', () => {
    expect(pythonTokens('x = foo(1, "a")  # c').map((t) => t.token)).toEqual(['V', '=', 'V', '(', 'N', ',', 'S', ')']);
  });
});
