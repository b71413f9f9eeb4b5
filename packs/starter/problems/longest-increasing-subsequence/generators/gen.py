#!/usr/bin/env python3
"""Writes data/sample and data/secret for longest-increasing-subsequence (answers from the accepted solution)."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/patience.py'))['length_of_lis']
MAXN, MAXV = 20_000, 10_000


def write(folder, name, nums):
    assert len(nums) <= MAXN and all(abs(v) <= MAXV for v in nums), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([nums]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(list(nums))) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [10, 9, 2, 5, 3, 7, 101, 18])
    write('sample', '2', [0, 1, 0, 3, 2, 3])
    write('sample', '3', [7, 7, 7, 7])
    rng = random.Random(8080)
    write('secret', '01-empty', [])
    write('secret', '02-single', [-4])
    write('secret', '03-decreasing', [5, 4, 3, 2, 1])
    write('secret', '04-increasing-with-repeats', [1, 2, 2, 3, 3, 4])
    write('secret', '05-negatives', [-10, -3, -7, -2, -8, -1])
    write('secret', '06-extremes', [MAXV, -MAXV, 0, MAXV, -MAXV])
    write('secret', '07-random-small', [rng.randint(-10, 10) for _ in range(40)])
    write('secret', '08-random-medium', [rng.randint(-MAXV, MAXV) for _ in range(2000)])
    write('secret', '09-large-random', [rng.randint(-MAXV, MAXV) for _ in range(MAXN)])
    write('secret', '10-big-increasing', list(range(-MAXV, -MAXV + 5000)))
    write('secret', '11-big-staircase-repeats', [v // 4 for v in range(-MAXV, MAXV, 4)])
    write('secret', '12-large-few-values', [rng.randint(0, 50) for _ in range(MAXN)])


if __name__ == '__main__':
    main()
