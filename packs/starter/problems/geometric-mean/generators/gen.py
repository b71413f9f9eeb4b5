#!/usr/bin/env python3
"""Writes data/sample and data/secret for geometric-mean; answers come from the accepted solution."""
import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / 'submissions/accepted/logarithms.py'
MAXN, MAXV = 20_000, 10**9


def write(folder, name, values):
    assert 1 <= len(values) <= MAXN and all(1 <= v <= MAXV for v in values), name
    text = f'{len(values)}\n' + ' '.join(map(str, values)) + '\n'
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(text)
    out = subprocess.run(['/usr/bin/python3', str(REF)], input=text, capture_output=True, text=True, check=True)
    (d / f'{name}.ans').write_text(out.stdout)


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', [1, 3, 9])
    write('sample', '2', [2, 5])
    rng = random.Random(161803)
    write('secret', '01-single', [7])
    write('secret', '02-all-ones', [1] * 10)
    write('secret', '03-single-max', [MAXV])
    write('secret', '04-min-and-max', [1, MAXV])
    write('secret', '05-powers-of-two', [2 ** k for k in range(30)])
    write('secret', '06-irrational', [2, 3, 5, 7, 11, 13])
    write('secret', '07-random-small', [rng.randint(1, 100) for _ in range(20)])
    write('secret', '08-overflowing-product', [rng.randint(10**8, MAXV) for _ in range(60)])
    write('secret', '09-random-medium', [rng.randint(1, MAXV) for _ in range(2000)])
    write('secret', '10-big-all-max', [MAXV] * 5000)
    write('secret', '11-large-small-values', [rng.randint(1, 99) for _ in range(MAXN)])
    write('secret', '12-large-mostly-ones', [1] * (MAXN - 1) + [MAXV])


if __name__ == '__main__':
    main()
