#!/usr/bin/env python3
"""Writes data/sample and data/secret for coin-change; answers come from the accepted solution."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/bottom_up.py'))['coin_change']
MAXA, MAXC = 10_000, 10_000


def write(folder, name, coins, amount):
    assert 1 <= len(coins) <= 12 and len(set(coins)) == len(coins), name
    assert all(1 <= c <= MAXC for c in coins) and 0 <= amount <= MAXA, name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([coins, amount]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(list(coins), amount)) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [1, 2, 5], 11)
    write('sample', '2', [2], 3)
    write('sample', '3', [1, 3, 4], 6)
    rng = random.Random(555)
    write('secret', '01-amount-zero', [7], 0)
    write('secret', '02-single-coin-exact', [10000], 10000)
    write('secret', '03-coin-too-big', [50], 49)
    write('secret', '04-greedy-trap', [1, 5, 6, 9], 11)
    write('secret', '05-only-even', [2, 4, 6, 8], 9999)
    write('secret', '06-unsorted', [25, 1, 10, 5], 63)
    write('secret', '07-random-small', rng.sample(range(1, 30), 4), 87)
    write('secret', '08-medium-odd-coins', [7, 11, 13, 17], 400)
    write('secret', '09-large-with-one', [1] + rng.sample(range(100, 2000), 11), MAXA)
    write('secret', '10-large-coprime', [97, 89, 83, 79, 73, 71, 67, 61, 59, 53, 47, 43], 9973)
    write('secret', '11-large-only-one', [1], MAXA)
    write('secret', '12-large-many-coins', [6, 10, 15, 9999] + [30 * k for k in range(1, 9)], 9991)
    write('secret', '13-large-greedy-trap', [1, 5000, 7000, 9999], MAXA)


if __name__ == '__main__':
    main()
