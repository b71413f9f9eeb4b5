"""Complexity probe: n values drawn from about n/2 distinct ones, and k = a quarter of the distinct
values, so counting, bucketing and sorting all grow with n."""
import random


def generate(n: int, rng: random.Random) -> list:
    n = max(n, 2)
    nums = [rng.randrange(n // 2 + 1) for _ in range(n)]
    return [nums, max(1, len(set(nums)) // 4)]
