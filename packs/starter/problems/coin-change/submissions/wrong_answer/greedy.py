# Bug: largest coin first is not optimal for every coin system (1, 3, 4 with amount 6).
def coin_change(coins, amount):
    used = 0
    for c in sorted(coins, reverse=True):
        used += amount // c
        amount %= c
    return used if amount == 0 else -1
