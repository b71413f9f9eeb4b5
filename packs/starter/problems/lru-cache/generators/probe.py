"""Complexity probe: n operations (about half GET) on keys 1..n with capacity n/4, so the cache
fills, evicts and refreshes throughout."""
import random


def generate(n: int, rng: random.Random) -> str:
    n = max(n, 1)
    lines = []
    for _ in range(n):
        key = rng.randint(1, n)
        if rng.random() < 0.5:
            lines.append(f'GET {key}\n')
        else:
            lines.append(f'PUT {key} {rng.randint(1, 100_000)}\n')
    lines[-1] = f'GET {rng.randint(1, n)}\n'  # at least one GET
    return f'{max(1, n // 4)} {n}\n' + ''.join(lines)
