"""Complexity probe: n values that mostly increase (a small random wobble), so the longest
increasing subsequence, and any structure indexed by it, grows with n."""
import random


def generate(n: int, rng: random.Random) -> list:
    return [[4 * i + rng.randrange(6) for i in range(max(n, 1))]]
