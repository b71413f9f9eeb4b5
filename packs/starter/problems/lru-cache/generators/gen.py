#!/usr/bin/env python3
"""Writes data/sample and data/secret for lru-cache; answers come from the accepted solution."""
import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / 'submissions/accepted/ordered_dict.py'
MAXC, MAXQ, MAXK = 12_500, 25_000, 100_000


def write(folder, name, capacity, ops):
    assert 1 <= capacity <= MAXC and 1 <= len(ops) <= MAXQ, name
    assert any(op[0] == 'GET' for op in ops), name
    assert all(1 <= x <= MAXK for op in ops for x in op[1:]), name
    text = f'{capacity} {len(ops)}\n' + ''.join(' '.join(map(str, op)) + '\n' for op in ops)
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(text)
    out = subprocess.run(['/usr/bin/python3', str(REF)], input=text, capture_output=True, text=True, check=True)
    (d / f'{name}.ans').write_text(out.stdout)


def random_ops(rng, q, keys, get_share, maxv=MAXK):
    ops = []
    for _ in range(q):
        k = rng.randint(1, keys)
        ops.append(('GET', k) if rng.random() < get_share else ('PUT', k, rng.randint(1, maxv)))
    return ops


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', 2, [('PUT', 1, 10), ('PUT', 2, 20), ('GET', 1), ('PUT', 3, 30), ('GET', 2),
                             ('PUT', 1, 11), ('GET', 1), ('GET', 3), ('GET', 4)])
    rng = random.Random(1701)
    write('secret', '01-get-empty', 1, [('GET', 5)])
    write('secret', '02-capacity-one', 1, [('PUT', 1, 1), ('PUT', 2, 2), ('GET', 1), ('GET', 2)])
    write('secret', '03-update-refreshes', 2, [('PUT', 1, 1), ('PUT', 2, 2), ('PUT', 1, 5), ('PUT', 3, 3),
                                                ('GET', 1), ('GET', 2), ('GET', 3)])
    write('secret', '04-get-refreshes', 2, [('PUT', 1, 1), ('PUT', 2, 2), ('GET', 1), ('PUT', 3, 3),
                                             ('GET', 2), ('GET', 1)])
    write('secret', '05-miss-does-not-change', 2, [('PUT', 1, 1), ('GET', 9), ('PUT', 2, 2), ('PUT', 3, 3),
                                                    ('GET', 1), ('GET', 2), ('GET', 9)])
    write('secret', '06-max-keys-values', 3, [('PUT', MAXK, MAXK), ('GET', MAXK), ('PUT', 1, MAXK), ('GET', 1)])
    write('secret', '07-random-small', 3, random_ops(rng, 40, 6, 0.5))
    write('secret', '08-random-medium', 50, random_ops(rng, 2000, 120, 0.5))
    # Mostly new keys once the cache is full: every PUT evicts.
    fill = [('PUT', k, rng.randint(1, 9)) for k in range(1, MAXC + 1)]
    churn = []
    for i in range(MAXQ - MAXC):
        if i % 20 == 0:
            churn.append(('GET', rng.randint(1, MAXK)))
        else:
            churn.append(('PUT', rng.randint(MAXC + 1, MAXK), rng.randint(1, 9)))
    write('secret', '09-large-evict-every-put', MAXC, fill + churn)
    write('secret', '10-large-random', 6000, random_ops(rng, 12_000, 9000, 0.4, maxv=99))
    write('secret', '11-hot-keys', 100, random_ops(rng, 4000, 150, 0.7))


if __name__ == '__main__':
    main()
