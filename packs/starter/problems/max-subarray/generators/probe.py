"""Complexity probe: n values in [-10000, 10000]."""
import random


def generate(n: int, rng: random.Random) -> list:
    return [[rng.randint(-10_000, 10_000) for _ in range(max(n, 1))]]
