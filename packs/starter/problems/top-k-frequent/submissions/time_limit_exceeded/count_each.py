# Counts every distinct value with its own pass over the array: O(n * distinct).
def top_k_frequent(nums, k):
    freq = []
    for v in sorted(set(nums)):
        c = 0
        for x in nums:
            if x == v:
                c += 1
        freq.append((-c, v))
    freq.sort()
    return [v for _, v in freq[:k]]
