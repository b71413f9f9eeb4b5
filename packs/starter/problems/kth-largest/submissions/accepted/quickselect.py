import random


def kth_largest(nums, k):
    rng = random.Random(1)
    items = nums
    while True:
        pivot = items[rng.randrange(len(items))]
        above = [x for x in items if x > pivot]
        if k <= len(above):
            items = above
            continue
        equal = sum(1 for x in items if x == pivot)
        if k <= len(above) + equal:
            return pivot
        k -= len(above) + equal
        items = [x for x in items if x < pivot]
