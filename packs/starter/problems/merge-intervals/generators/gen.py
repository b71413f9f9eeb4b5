#!/usr/bin/env python3
"""Writes data/sample and data/secret for merge-intervals; answers come from the accepted solution."""
import copy
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/sort_sweep.py'))['merge_intervals']
MAXN, MAXV = 15_000, 100_000


def write(folder, name, intervals):
    assert len(intervals) <= MAXN and all(0 <= s <= e <= MAXV for s, e in intervals), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([intervals]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(copy.deepcopy(intervals))) + '\n')


def random_intervals(rng, n, hi, max_len):
    out = []
    for _ in range(n):
        s = rng.randint(0, hi)
        out.append([s, min(hi, s + rng.randint(0, max_len))])
    return out


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [[1, 3], [2, 6], [8, 10], [15, 18]])
    write('sample', '2', [[1, 4], [4, 5]])
    write('sample', '3', [[5, 7], [1, 10]])
    rng = random.Random(2718)
    write('secret', '01-empty', [])
    write('secret', '02-single', [[3, 3]])
    write('secret', '03-points-apart', [[2, 2], [1, 1], [3, 3]])
    write('secret', '04-contained-chain', [[1, 10], [2, 3], [4, 5], [11, 12]])
    write('secret', '05-duplicates', [[0, 5], [0, 5], [0, 5]])
    write('secret', '06-touching-chain', [[4, 6], [0, 2], [2, 4], [6, 8]])
    write('secret', '07-extremes', [[0, MAXV], [MAXV, MAXV], [0, 0]])
    write('secret', '08-random-small', random_intervals(rng, 20, 100, 10))
    write('secret', '09-random-medium', random_intervals(rng, 2000, MAXV, 60))
    disjoint = [[3 * i, 3 * i + 1] for i in range(MAXN - 1)]
    rng.shuffle(disjoint)
    write('secret', '10-large-disjoint-then-cover', disjoint + [[0, MAXV]])
    write('secret', '11-big-random', random_intervals(rng, 3000, MAXV, 20))
    nested = [[i, MAXV - i] for i in range(0, 2 * MAXN, 4)]
    rng.shuffle(nested)
    write('secret', '12-large-nested', nested)


if __name__ == '__main__':
    main()
