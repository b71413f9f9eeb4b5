#!/usr/bin/env python3
"""Writes data/sample and data/secret for number-of-islands; answers come from the accepted solution."""
import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / 'submissions/accepted/bfs.py'
MAXRC = 400


def write(folder, name, grid):
    rows, cols = len(grid), len(grid[0])
    assert 1 <= rows <= MAXRC and 1 <= cols <= MAXRC and all(len(g) == cols for g in grid), name
    text = f'{rows} {cols}\n' + '\n'.join(grid) + '\n'
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(text)
    out = subprocess.run(['/usr/bin/python3', str(REF)], input=text, capture_output=True, text=True, check=True)
    (d / f'{name}.ans').write_text(out.stdout)


def random_grid(rng, rows, cols, p):
    return [''.join('#' if rng.random() < p else '.' for _ in range(cols)) for _ in range(rows)]


def snake(rows, cols):
    """One island winding through the whole map: full rows joined alternately at the right and left end."""
    grid = []
    for r in range(rows):
        if r % 2 == 0:
            grid.append('#' * cols)
        elif r % 4 == 1:
            grid.append('.' * (cols - 1) + '#')
        else:
            grid.append('#' + '.' * (cols - 1))
    return grid


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', ['##...', '##..#', '..#..', '...##'])
    write('sample', '2', ['#.#', '.#.', '#.#'])
    rng = random.Random(4242)
    write('secret', '01-single-water', ['.'])
    write('secret', '02-single-land', ['#'])
    write('secret', '03-one-row', ['#.##.###..#'])
    write('secret', '04-one-column', ['#', '#', '.', '#'])
    write('secret', '05-all-land', ['#' * 30] * 20)
    write('secret', '06-checkerboard', [''.join('#' if (r + c) % 2 == 0 else '.' for c in range(40)) for r in range(40)])
    write('secret', '07-ring-with-lake', ['#####', '#...#', '#.#.#', '#...#', '#####'])
    write('secret', '08-random-small', random_grid(rng, 12, 15, 0.45))
    write('secret', '09-random-medium', random_grid(rng, 100, 120, 0.55))
    write('secret', '10-large-snake', snake(MAXRC, MAXRC))
    write('secret', '11-large-random', random_grid(rng, MAXRC, 300, 0.5))
    write('secret', '12-big-comb', ['#' * 399] + [''.join('#' if c % 2 == 0 else '.' for c in range(399))] * 149)


if __name__ == '__main__':
    main()
