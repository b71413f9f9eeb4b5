"""Complexity probe: n distinct values in random order and k = n/2 (the median: the most work for
a heap of the k largest and for selection alike)."""
import random


def generate(n: int, rng: random.Random) -> list:
    n = max(n, 1)
    return [rng.sample(range(-10**9, 10**9), n), max(1, n // 2)]
