import sys


def main():
    data = sys.stdin.read().split()
    rows, cols = int(data[0]), int(data[1])
    grid = ''.join(data[2:2 + rows])
    parent = list(range(rows * cols))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    islands = grid.count('#')
    for i, ch in enumerate(grid):
        if ch != '#':
            continue
        for j in (i - cols, i - 1 if i % cols else -1):
            if j >= 0 and grid[j] == '#':
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
                    islands -= 1
    print(islands)


main()
