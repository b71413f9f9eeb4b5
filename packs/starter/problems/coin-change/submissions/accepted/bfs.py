def coin_change(coins, amount):
    # Breadth-first search over remaining amounts: level = number of coins used.
    if amount == 0:
        return 0
    seen = bytearray(amount + 1)
    frontier, steps = [amount], 0
    seen[amount] = 1
    while frontier:
        steps += 1
        nxt = []
        for rest in frontier:
            for c in coins:
                r = rest - c
                if r == 0:
                    return steps
                if r > 0 and not seen[r]:
                    seen[r] = 1
                    nxt.append(r)
        frontier = nxt
    return -1
