# Gives every land cell its own label and sweeps the grid taking the smallest neighbouring label
# until nothing changes: the number of sweeps grows with the length of the longest island.
import sys


def main():
    data = sys.stdin.read().split()
    rows, cols = int(data[0]), int(data[1])
    grid = data[2:2 + rows]
    label = [[r * cols + c if grid[r][c] == '#' else -1 for c in range(cols)] for r in range(rows)]
    changed = True
    while changed:
        changed = False
        for r in range(rows):
            for c in range(cols):
                if label[r][c] < 0:
                    continue
                for ny, nx in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= ny < rows and 0 <= nx < cols and 0 <= label[ny][nx] < label[r][c]:
                        label[r][c] = label[ny][nx]
                        changed = True
    print(sum(1 for r in range(rows) for c in range(cols) if label[r][c] == r * cols + c))


main()
