# Partial selection sort: k passes of a linear scan, O(n*k).
def kth_largest(nums, k):
    a = list(nums)
    for i in range(k):
        best = i
        for j in range(i + 1, len(a)):
            if a[j] > a[best]:
                best = j
        a[i], a[best] = a[best], a[i]
    return a[k - 1]
