#!/usr/bin/env python3
"""Writes data/sample and data/secret for shortest-path; answers come from the accepted solution."""
import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / 'submissions/accepted/dijkstra.py'
MAXN, MAXM, MAXW = 10000, 20000, 1000


def write(folder, name, n, edges):
    assert 2 <= n <= MAXN and len(edges) <= MAXM, name
    assert all(1 <= u <= n and 1 <= v <= n and 1 <= w <= MAXW for u, v, w in edges), name
    text = f'{n} {len(edges)}\n' + ''.join(f'{u} {v} {w}\n' for u, v, w in edges)
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(text)
    out = subprocess.run(['/usr/bin/python3', str(REF)], input=text, capture_output=True, text=True, check=True)
    (d / f'{name}.ans').write_text(out.stdout)


def random_edges(rng, n, m, maxw=MAXW):
    return [(rng.randint(1, n), rng.randint(1, n), rng.randint(1, maxw)) for _ in range(m)]


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', 4, [(1, 2, 4), (1, 3, 1), (3, 2, 2), (2, 4, 1), (3, 4, 7)])
    write('sample', '2', 3, [(2, 3, 5)])
    rng = random.Random(60606)
    write('secret', '01-no-edges', 2, [])
    write('secret', '02-direct', 2, [(1, 2, 1000)])
    write('secret', '03-wrong-direction', 2, [(2, 1, 3)])
    write('secret', '04-parallel-and-loops', 3, [(1, 1, 1), (1, 2, 9), (1, 2, 4), (2, 2, 1), (2, 3, 5), (1, 3, 10)])
    write('secret', '05-longer-path-shorter', 5, [(1, 5, 100), (1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 5, 1)])
    write('secret', '06-late-improvement', 4, [(1, 2, 1), (1, 3, 5), (2, 4, 10), (3, 2, 1), (4, 3, 1)])
    write('secret', '07-random-small', 8, random_edges(rng, 8, 20, 10))
    write('secret', '08-random-medium', 300, random_edges(rng, 300, 1500))
    # A long chain 1 -> 2 -> ... -> n listed back to front, plus roads leading back: Bellman-Ford
    # needs one round per chain edge.
    n = MAXN
    chain = [(i, i + 1, rng.randint(1, 3)) for i in range(n - 1, 0, -1)]
    back = []
    for _ in range(MAXM - len(chain)):
        a = rng.randint(2, n)
        back.append((a, rng.randint(max(1, a - 50), a - 1), rng.randint(1, MAXW)))
    write('secret', '09-large-reversed-chain', n, chain + back)
    write('secret', '10-big-random', 3000, random_edges(rng, 1500, 5000))
    layers = [(i, i + 1, rng.randint(1, MAXW)) for i in range(MAXN - 1, 1, -3)]
    write('secret', '11-large-unreachable', MAXN, layers + [(1, 1, 1)])
    grid = []  # 40 x 60 grid of junctions, roads right and down, listed from the bottom right
    for r in range(39, -1, -1):
        for c in range(59, -1, -1):
            u = r * 60 + c + 1
            if c < 59:
                grid.append((u, u + 1, rng.randint(1, MAXW)))
            if r < 39:
                grid.append((u, u + 60, rng.randint(1, MAXW)))
    write('secret', '12-grid', 40 * 60, grid)


if __name__ == '__main__':
    main()
