# Bug: removes duplicates, so it returns the k-th largest *distinct* value.
def kth_largest(nums, k):
    values = sorted(set(nums), reverse=True)
    return values[min(k, len(values)) - 1]
