#!/usr/bin/env python3
"""Writes data/sample and data/secret for max-subarray; answers come from the accepted solution."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/kadane.py'))['max_subarray']
MAXN, MAXV = 20_000, 10_000


def write(folder, name, nums):
    assert 1 <= len(nums) <= MAXN and all(abs(v) <= MAXV for v in nums), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([nums]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(list(nums))) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [-2, 1, -3, 4, -1, 2, 1, -5, 4])
    write('sample', '2', [1])
    write('sample', '3', [-3, -1, -2])
    rng = random.Random(42)
    write('secret', '01-single-negative', [-7])
    write('secret', '02-single-zero', [0])
    write('secret', '03-all-negative', [-5, -9, -2, -8, -3])
    write('secret', '04-all-positive', [3, 1, 4, 1, 5, 9, 2, 6])
    write('secret', '05-zeros-and-negatives', [-1, 0, -2, 0, -3])
    write('secret', '06-whole-array', [5, -1, 5, -1, 5])
    write('secret', '07-extremes', [MAXV, -MAXV, MAXV, -MAXV + 1, MAXV])
    write('secret', '08-random-small', [rng.randint(-20, 20) for _ in range(50)])
    write('secret', '09-random-medium', [rng.randint(-1000, 1000) for _ in range(2000)])
    write('secret', '10-large-all-negative', [rng.randint(-MAXV, -1) for _ in range(MAXN)])
    write('secret', '11-large-random', [rng.randint(-MAXV, MAXV) for _ in range(MAXN)])
    write('secret', '12-big-all-max', [MAXV] * 5000)


if __name__ == '__main__':
    main()
