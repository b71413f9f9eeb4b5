"""Complexity probe: n intervals of length ≤ 8 in random order, with coordinates up to 4n (so the
span of the number line grows with n, as does the number of merged groups)."""
import random


def generate(n: int, rng: random.Random) -> list:
    n = max(n, 1)
    intervals = []
    for _ in range(n):
        start = rng.randrange(4 * n)
        intervals.append([start, start + rng.randrange(9)])
    return [intervals]
