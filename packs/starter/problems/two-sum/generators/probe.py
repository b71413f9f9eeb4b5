"""Complexity probe: n distinct values where only the last two sum to the target (every other value
is a multiple of 4, those two are 1 and 2 mod 4), so every solution has to reach the end."""
import random


def generate(n: int, rng: random.Random) -> list:
    n = max(n, 2)
    values = rng.sample(range(1, 8 * n), n)
    nums = [4 * v for v in values[:-2]] + [4 * values[-2] + 1, 4 * values[-1] + 2]
    return [nums, nums[-2] + nums[-1]]
