# Bug: orders tasks by how many rules point at them; looks plausible, breaks on longer chains.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    incoming = [0] * (n + 1)
    for i in range(m):
        incoming[int(data[3 + 2 * i])] += 1
    print(' '.join(map(str, sorted(range(1, n + 1), key=lambda t: incoming[t]))))


main()
