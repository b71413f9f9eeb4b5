"""Complexity probe: n nodes and 2n random weighted edges among nodes 1..n-1, with node n
unreachable, so Dijkstra settles every reachable node before answering -1."""
import random


def generate(n: int, rng: random.Random) -> str:
    n = max(n, 3)
    edges = [(i, i + 1, rng.randint(1, 1000)) for i in range(1, n - 1)]  # all of 1..n-1 reachable
    for _ in range(2 * n - len(edges)):
        u, v = rng.randrange(1, n), rng.randrange(1, n)
        if u != v:
            edges.append((u, v, rng.randint(1, 1000)))
    return f'{n} {len(edges)}\n' + ''.join(f'{u} {v} {w}\n' for u, v, w in edges)
