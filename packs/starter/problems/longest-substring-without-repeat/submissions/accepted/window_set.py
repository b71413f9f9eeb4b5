def longest_unique_substring(s):
    window = set()
    best = left = 0
    for c in s:
        while c in window:
            window.remove(s[left])
            left += 1
        window.add(c)
        best = max(best, len(window))
    return best
