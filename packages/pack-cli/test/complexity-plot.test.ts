/** The text plot of `duet-pack complexity` (pure: no sandbox). */
import { describe, expect, it } from 'vitest';
import { plotLogLog } from '../src/complexity-plot.js';

const sizes = [16, 32, 64, 128, 256, 512, 1024, 2048];

function grid(plot: string): string[] {
  return plot.split('\n').filter((line) => line.includes(' |')).map((line) => line.slice(line.indexOf('|') + 1));
}

describe('plotLogLog', () => {
  it('draws 10 rows × 50 columns with the points on a straight log-log line and the fitted curve through them', () => {
    const plot = plotLogLog(
      sizes.map((n) => ({ n, value: 1e-7 * n * n })),
      { unit: 'seconds', fitted: 'O(n^2)' },
    );
    expect(plot.split('\n')[0]).toBe('seconds vs n (log-log; * measured, . fitted O(n^2))');
    const rows = grid(plot);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(50);
    // A power law is a straight line in log-log: the smallest point bottom left, the largest top right.
    expect(rows[9]![0]).toBe('*');
    expect(rows[0]![49]).toBe('*');
    expect(plot.split('\n').filter((line) => line.includes('*')).length).toBeGreaterThanOrEqual(7);
    // The fitted curve fills the columns between the points.
    expect(rows.join('').split('.').length - 1).toBeGreaterThan(20);
    // Axis: the value range on the left, n from first to last size below.
    expect(plot).toMatch(/^ 0\.419 \|/m);
    expect(plot).toMatch(/^2\.6e-5 \|\*/m);
    expect(plot).toMatch(/^\s+16\s+2048 {2}n$/m);
  });

  it('puts constant data on one row and still labels the axis', () => {
    const rows = grid(plotLogLog(sizes.map((n) => ({ n, value: 4096 })), { unit: 'auxiliary bytes', fitted: 'O(1)' }));
    const withPoints = rows.filter((row) => row.includes('*'));
    expect(withPoints).toHaveLength(1);
  });

  it('says so instead of plotting fewer than two usable points', () => {
    expect(plotLogLog([{ n: 8, value: 0 }], { unit: 'seconds', fitted: 'O(n)' })).toBe('(too few measurements to plot seconds)\n');
  });
});
