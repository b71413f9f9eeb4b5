def two_sum(nums, target):
    seen = {}  # value -> first index where it occurs
    for j, x in enumerate(nums):
        i = seen.get(target - x)
        if i is not None:
            return [i, j]
        seen.setdefault(x, j)
    return []
