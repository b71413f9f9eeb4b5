"""Complexity probe: n is the amount. Five even denominations and an odd amount: no combination
reaches it, so every solution explores all amounts up to n before answering -1. The coins stay
small (2..14) so that even the smallest sizes explore about n/2 amounts: with coins larger than n,
small sizes would do less than linear work and bend the curve."""
import random


def generate(n: int, rng: random.Random) -> list:
    coins = [2 * c for c in rng.sample(range(1, 8), 5)]
    return [coins, max(n, 1) | 1]
