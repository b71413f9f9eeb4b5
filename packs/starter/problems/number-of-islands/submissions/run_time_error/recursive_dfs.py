# Recursive flood fill: a long island needs more nested calls than Python's recursion limit.
import sys


def main():
    data = sys.stdin.read().split()
    rows, cols = int(data[0]), int(data[1])
    land = [[c == '#' for c in row] for row in data[2:2 + rows]]

    def sink(y, x):
        if 0 <= y < rows and 0 <= x < cols and land[y][x]:
            land[y][x] = False
            sink(y - 1, x)
            sink(y + 1, x)
            sink(y, x - 1)
            sink(y, x + 1)

    islands = 0
    for r in range(rows):
        for c in range(cols):
            if land[r][c]:
                islands += 1
                sink(r, c)
    print(islands)


main()
