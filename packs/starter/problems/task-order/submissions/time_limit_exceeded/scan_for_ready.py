# Repeatedly scans all tasks for one whose prerequisites are all done: O(n * (n + m)).
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    before = [[] for _ in range(n + 1)]
    for i in range(m):
        a, b = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        before[b].append(a)
    done = [False] * (n + 1)
    order = []
    while len(order) < n:
        for t in range(1, n + 1):
            if not done[t] and all(done[p] for p in before[t]):
                done[t] = True
                order.append(t)
                break
        else:
            print('IMPOSSIBLE')
            return
    print(' '.join(map(str, order)))


main()
