"""Complexity probe: n values in [1, 10^9]."""
import random


def generate(n: int, rng: random.Random) -> str:
    n = max(n, 1)
    return f'{n}\n' + ' '.join(str(rng.randint(1, 10**9)) for _ in range(n)) + '\n'
