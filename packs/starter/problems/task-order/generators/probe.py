"""Complexity probe: n tasks and 2n random prerequisites consistent with a hidden order (so an
order exists and every task and rule is visited)."""
import random


def generate(n: int, rng: random.Random) -> str:
    n = max(n, 2)
    order = list(range(1, n + 1))
    rng.shuffle(order)
    rules = []
    for _ in range(2 * n):
        i, j = rng.randrange(n), rng.randrange(n)
        if i != j:
            a, b = order[min(i, j)], order[max(i, j)]
            rules.append(f'{a} {b}\n')
    return f'{n} {len(rules)}\n' + ''.join(rules)
