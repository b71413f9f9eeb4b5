import sys
from collections import OrderedDict


def main():
    lines = sys.stdin.buffer.read().split(b'\n')
    capacity, q = map(int, lines[0].split())
    cache = OrderedDict()
    out = []
    for line in lines[1:1 + q]:
        parts = line.split()
        k = int(parts[1])
        if parts[0] == b'GET':
            if k in cache:
                cache.move_to_end(k)
                out.append(str(cache[k]))
            else:
                out.append('-1')
        else:
            cache[k] = int(parts[2])
            cache.move_to_end(k)
            if len(cache) > capacity:
                cache.popitem(last=False)
    sys.stdout.write('\n'.join(out) + '\n')


main()
