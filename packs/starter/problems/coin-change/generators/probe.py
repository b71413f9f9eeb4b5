"""Complexity probe: n is the amount. Five even denominations and an odd amount: no combination
reaches it, so every solution explores all amounts up to n before answering -1."""
import random


def generate(n: int, rng: random.Random) -> list:
    coins = [2 * c for c in rng.sample(range(2, 60), 5)]
    return [coins, max(n, 1) | 1]
