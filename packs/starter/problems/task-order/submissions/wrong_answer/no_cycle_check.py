# Bug: Kahn's algorithm without checking that every task was output, so a cycle yields a
# partial order instead of IMPOSSIBLE.
import sys
from collections import deque


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n + 1)]
    waiting = [0] * (n + 1)
    for i in range(m):
        a, b = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        after[a].append(b)
        waiting[b] += 1
    ready = deque(t for t in range(1, n + 1) if waiting[t] == 0)
    order = []
    while ready:
        t = ready.popleft()
        order.append(t)
        for u in after[t]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    print(' '.join(map(str, order)))


main()
