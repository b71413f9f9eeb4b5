def length_of_lis(nums):
    # Fenwick tree of prefix maxima over value ranks: best length ending below each value.
    ranks = {v: i + 1 for i, v in enumerate(sorted(set(nums)))}
    tree = [0] * (len(ranks) + 1)
    best = 0
    for x in nums:
        r = ranks[x] - 1  # strictly smaller values only
        cur = 0
        while r > 0:
            cur = max(cur, tree[r])
            r -= r & -r
        cur += 1
        best = max(best, cur)
        r = ranks[x]
        while r < len(tree):
            if tree[r] < cur:
                tree[r] = cur
            r += r & -r
    return best
