#!/usr/bin/env python3
"""Writes data/sample and data/secret for task-order; answers come from the accepted solution.

Any valid order is accepted (output_validators/task_order checks orders against the input); the
.ans file holds one valid order, or IMPOSSIBLE.
"""
import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / 'submissions/accepted/kahn.py'
MAXN, MAXM = 10_000, 10_000


def write(folder, name, n, rules):
    assert 1 <= n <= MAXN and len(rules) <= MAXM, name
    assert all(1 <= a <= n and 1 <= b <= n and a != b for a, b in rules), name
    text = f'{n} {len(rules)}\n' + ''.join(f'{a} {b}\n' for a, b in rules)
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(text)
    out = subprocess.run(['/usr/bin/python3', str(REF)], input=text, capture_output=True, text=True, check=True)
    (d / f'{name}.ans').write_text(out.stdout)


def random_dag(rng, n, m, span=None):
    """m rules consistent with a hidden random order; `span` limits how far apart ruled tasks are."""
    order = list(range(1, n + 1))
    rng.shuffle(order)
    rules = []
    for _ in range(m):
        i = rng.randrange(n - 1)
        j = rng.randint(i + 1, n - 1 if span is None else min(n - 1, i + span))
        rules.append((order[i], order[j]))
    return rules, order


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', 4, [(1, 2), (1, 3), (3, 4)])
    write('sample', '2', 3, [(1, 2), (2, 3), (3, 1)])
    rng = random.Random(31337)
    write('secret', '01-single-task', 1, [])
    write('secret', '02-no-rules', 5, [])
    write('secret', '03-two-cycle', 2, [(1, 2), (2, 1)])
    write('secret', '04-duplicate-rules', 3, [(3, 1), (3, 1), (1, 2), (3, 2)])
    write('secret', '05-reverse-chain', 6, [(6, 5), (5, 4), (4, 3), (3, 2), (2, 1)])
    write('secret', '06-diamond', 4, [(1, 2), (1, 3), (2, 4), (3, 4)])
    write('secret', '07-cycle-off-to-the-side', 6, [(1, 2), (2, 3), (4, 5), (5, 6), (6, 4)])
    rules, _ = random_dag(rng, 10, 15)
    write('secret', '08-random-small', 10, rules)
    rules, _ = random_dag(rng, 1000, 3000, span=20)
    write('secret', '09-random-medium', 1000, rules)
    rules, order = random_dag(rng, 1000, 2000, span=5)
    path = [(order[i], order[i + 1]) for i in range(999)]
    write('secret', '10-medium-with-long-cycle', 1000, rules + path + [(order[-1], order[0])])
    write('secret', '11-large-reverse-chain', MAXN, [(t + 1, t) for t in range(MAXN - 1, 0, -1)])
    rules, _ = random_dag(rng, MAXN, MAXM, span=3)
    write('secret', '12-large-random', MAXN, rules)
    chain = [(t + 1, t) for t in range(MAXN // 2 - 1, 0, -1)]
    write('secret', '13-large-chain-closed-into-cycle', MAXN // 2, chain + [(1, MAXN // 2)])


if __name__ == '__main__':
    main()
