"""Complexity probe: n is the number of cells: a random map, about half land, 100 columns wide
(narrower below 100 cells)."""
import random


def generate(n: int, rng: random.Random) -> str:
    n = max(n, 1)
    cols = min(n, 100)
    rows = max(1, n // cols)
    lines = [''.join(rng.choice('#.') for _ in range(cols)) for _ in range(rows)]
    return f'{rows} {cols}\n' + '\n'.join(lines) + '\n'
