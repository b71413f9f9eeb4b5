#!/usr/bin/env python3
"""Writes data/sample and data/secret for kth-largest; answers come from the accepted solution."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/heap.py'))['kth_largest']
MAXN, MAXV = 20_000, 10**9


def write(folder, name, nums, k):
    assert 1 <= k <= len(nums) <= MAXN and all(abs(v) <= MAXV for v in nums), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([nums, k]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(list(nums), k)) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [3, 2, 1, 5, 6, 4], 2)
    write('sample', '2', [3, 2, 3, 1, 2, 4, 5, 5, 6], 4)
    write('sample', '3', [7], 1)
    rng = random.Random(99)
    write('secret', '01-k-equals-n', [4, -1, 9, 0], 4)
    write('secret', '02-k-is-one', [4, -1, 9, 0], 1)
    write('secret', '03-all-equal', [5] * 10, 7)
    write('secret', '04-duplicates-top', [9, 9, 9, 1, 2], 3)
    write('secret', '05-negatives', [-5, -1, -9, -3], 2)
    write('secret', '06-extremes', [MAXV, -MAXV, 0, MAXV, -MAXV], 4)
    write('secret', '07-random-small', [rng.randint(-10, 10) for _ in range(30)], 11)
    write('secret', '08-random-medium', [rng.randint(-MAXV, MAXV) for _ in range(1000)], 500)
    write('secret', '09-large-median', [rng.randint(-1000, 1000) for _ in range(MAXN)], MAXN // 2)
    write('secret', '10-large-sorted-ascending', list(range(-MAXN // 2, MAXN // 2)), MAXN // 2)
    write('secret', '11-large-few-values', [rng.choice([-1, 0, 1]) for _ in range(MAXN)], 2 * MAXN // 3)
    write('secret', '12-big-k-near-n', [rng.randint(-99999, 99999) for _ in range(5000)], 4997)


if __name__ == '__main__':
    main()
