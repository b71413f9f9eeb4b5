# Bug: GET does not mark the key as recently used, so eviction follows insertion order only.
import sys
from collections import OrderedDict


def main():
    lines = sys.stdin.read().splitlines()
    capacity, q = map(int, lines[0].split())
    cache = OrderedDict()
    out = []
    for line in lines[1:1 + q]:
        parts = line.split()
        k = int(parts[1])
        if parts[0] == 'GET':
            out.append(str(cache.get(k, -1)))
        else:
            cache[k] = int(parts[2])
            cache.move_to_end(k)
            if len(cache) > capacity:
                cache.popitem(last=False)
    print('\n'.join(out))


main()
