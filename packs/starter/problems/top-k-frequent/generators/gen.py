#!/usr/bin/env python3
"""Writes data/sample and data/secret for top-k-frequent; answers come from the accepted solution."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/counter_sort.py'))['top_k_frequent']
MAXN, MAXV = 20_000, 10_000


def write(folder, name, nums, k):
    assert 1 <= len(nums) <= MAXN and all(abs(v) <= MAXV for v in nums), name
    assert 1 <= k <= len(set(nums)), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([nums, k]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(list(nums), k)) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [1, 1, 1, 2, 2, 3], 2)
    write('sample', '2', [4, 4, -1, -1, 7], 2)
    write('sample', '3', [5, 3, 5, 3, 9, 9, 1], 2)
    rng = random.Random(1234)
    write('secret', '01-single', [42], 1)
    write('secret', '02-all-same', [-3] * 8, 1)
    write('secret', '03-all-distinct', [9, -2, 5, 0, 7], 5)
    write('secret', '04-tie-at-cut', [8, 8, 2, 2, 5, 5, 1], 1)
    write('secret', '05-negatives', [-1, -2, -2, -3, -3, -3], 3)
    write('secret', '06-extremes', [MAXV, -MAXV, MAXV, -MAXV, 0], 2)
    write('secret', '07-random-small', [rng.randint(-5, 5) for _ in range(40)], 4)
    write('secret', '08-random-medium', [rng.randint(-100, 100) for _ in range(3000)], 20)
    nums = [rng.randint(-MAXV, MAXV) for _ in range(MAXN)]
    write('secret', '09-large-many-distinct', nums, len(set(nums)) // 2)
    nums = [rng.randint(-3000, 3000) for _ in range(MAXN)]
    rng.shuffle(nums)
    write('secret', '10-large-mostly-ties', nums, 1000)
    nums = [v for v in range(-MAXV, -MAXV + 2000) for _ in range(3)]
    rng.shuffle(nums)
    write('secret', '11-all-tied-descending-first', sorted(nums, reverse=True), 1999)


if __name__ == '__main__':
    main()
