# Bug: a PUT on a key already present updates the value but not its recency.
import sys


def main():
    lines = sys.stdin.read().splitlines()
    capacity, q = map(int, lines[0].split())
    cache = {}  # dicts keep insertion order: first key = least recently used
    out = []
    for line in lines[1:1 + q]:
        parts = line.split()
        k = int(parts[1])
        if parts[0] == 'GET':
            if k in cache:
                cache[k] = cache.pop(k)
                out.append(str(cache[k]))
            else:
                out.append('-1')
        else:
            if k in cache:
                cache[k] = int(parts[2])
            else:
                cache[k] = int(parts[2])
                if len(cache) > capacity:
                    del cache[next(iter(cache))]
    print('\n'.join(out))


main()
