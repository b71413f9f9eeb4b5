def top_k_frequent(nums, k):
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    buckets = [[] for _ in range(len(nums) + 1)]  # frequency -> values
    for v, c in counts.items():
        buckets[c].append(v)
    result = []
    for c in range(len(nums), 0, -1):
        for v in sorted(buckets[c]):
            if len(result) == k:
                return result
            result.append(v)
    return result
