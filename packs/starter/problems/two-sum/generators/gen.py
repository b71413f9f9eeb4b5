#!/usr/bin/env python3
"""Writes data/sample and data/secret for two-sum; answers come from the accepted solution."""
import copy
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/hashmap.py'))['two_sum']
MAXV = 100_000


def pair_count(nums, target):
    seen, pairs = {}, 0
    for x in nums:
        pairs += seen.get(target - x, 0)
        seen[x] = seen.get(x, 0) + 1
    return pairs


def write(folder, name, args):
    assert pair_count(*args) == 1, name
    assert all(abs(v) <= MAXV for v in args[0]) and 2 <= len(args[0]) <= 20_000, name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps(args) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(*copy.deepcopy(args))) + '\n')


def planted(rng, n, i, j):
    """n values with exactly one pair (i, j) summing to an odd target: all others are even."""
    a = rng.randrange(-MAXV + 1, MAXV, 2) | 1
    target = rng.randrange(-MAXV + 1, MAXV, 2) | 1
    while not -MAXV <= target - a <= MAXV:
        target = rng.randrange(-MAXV + 1, MAXV, 2) | 1
    b = target - a
    nums = []
    while len(nums) < n:
        v = rng.randrange(-MAXV, MAXV + 1, 2)
        if v != b:
            nums.append(v)
    nums[i], nums[j] = a, b
    if rng.random() < 0.5:
        nums[i], nums[j] = b, a
    return [nums, target]


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [[2, 7, 11, 15], 9])
    write('sample', '2', [[3, 2, 4], 6])
    write('sample', '3', [[3, 3], 6])
    rng = random.Random(20240601)
    write('secret', '01-two-elements', [[-5, 5], 0])
    write('secret', '02-negatives', [[-1, -2, -3, -4, -5], -8])
    write('secret', '03-self-pair-trap', [[5, 1, 9, 4, 2], 10])
    write('secret', '04-zeros', [[0, 4, 3, 0], 0])
    write('secret', '05-duplicates-later', [[1, 6, 2, 6], 12])
    write('secret', '06-extremes', [[MAXV, 7, -MAXV, 3], 0])
    write('secret', '07-sorted-reverse-index', [[9, 8, 1, 2, 3, 20], 29])
    write('secret', '08-random-small', planted(rng, 10, 7, 2))
    write('secret', '09-random-medium', planted(rng, 1000, 13, 870))
    write('secret', '10-trap-large', [[MAXV // 2] + [2 * k for k in range(1, 5000)] + [MAXV // 2 + 1], MAXV + 1])
    n = 20_000
    write('secret', '11-large-pair-at-end', planted(rng, n, n - 2, n - 1))
    write('secret', '12-large-pair-far-apart', planted(rng, n, n // 2, n - 1))


if __name__ == '__main__':
    main()
