import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../../test/pack-fixtures.js';
import { checkerSpecFor, EXAMPLE_PROBLEM_ID, loadPack, PackError, PackValidationError, readTestData, scaffoldPack, toSlug } from './index.js';

describe('scaffoldPack', () => {
  test('writes a pack that loads clean, with everything duet-pack test needs', async () => {
    const dir = path.join(await tempDir(), 'Interview Basics');
    const { files } = await scaffoldPack(dir);
    expect(files).toContain('pack.yaml');

    const pack = await loadPack(dir);
    expect(pack.manifest).toMatchObject({ name: '@my-org/interview-basics', version: '0.1.0', price: 0 });
    const [problem] = pack.problems;
    expect(problem!.id).toBe(EXAMPLE_PROBLEM_ID);
    expect(problem!.duet.interface).toMatchObject({ type: 'function', entry: 'max_subarray' });
    expect(problem!.duet.starter.python).toContain('def max_subarray(');
    expect(problem!.statementPath).not.toBeNull();
    expect(problem!.tests.filter((t) => t.group === 'sample')).toHaveLength(2);
    expect(problem!.tests.filter((t) => t.group === 'secret').length).toBeGreaterThanOrEqual(3);
    expect(new Set(problem!.submissions.map((s) => s.category))).toEqual(new Set(['accepted', 'wrong_answer', 'time_limit_exceeded']));
    expect(problem!.submissions.every((s) => s.language === 'python')).toBe(true);
    expect(await checkerSpecFor(problem!)).toEqual({ type: 'default' });

    // The data is consistent: each answer is the maximum subarray sum of its input.
    for (const test of await readTestData(problem!)) {
      const [nums] = JSON.parse(test.input) as [number[]];
      let best = -Infinity;
      for (let i = 0; i < Math.min(nums.length, 400); i++) {
        let sum = 0;
        for (let j = i; j < nums.length; j++) best = Math.max(best, (sum += nums[j]!));
      }
      if (nums.length <= 400) expect(JSON.parse(test.answer)).toBe(best);
      else expect(JSON.parse(test.answer)).toBeGreaterThanOrEqual(best);
    }
    // The generator the complexity probe uses exists.
    expect(await readFile(path.join(problem!.dir, problem!.duet.complexity!.generator!), 'utf8')).toContain('def generate(n, rng)');
  });

  test('takes an explicit name and is deterministic', async () => {
    const root = await tempDir();
    await scaffoldPack(path.join(root, 'a'), { name: '@acme/x' });
    await scaffoldPack(path.join(root, 'b'), { name: '@acme/x' });
    const large = 'problems/max-subarray/data/secret/04-large.in';
    expect(await readFile(path.join(root, 'a', large), 'utf8')).toBe(await readFile(path.join(root, 'b', large), 'utf8'));
    expect((await loadPack(path.join(root, 'a'))).manifest.name).toBe('@acme/x');
  });

  test('refuses a non-empty folder, a file, and a bad name', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'keep.txt'), 'mine\n');
    const error = await scaffoldPack(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect(error).toMatchObject({ code: 'PACK_DIR_NOT_EMPTY', message: expect.stringContaining('is not empty (1 entries)') });
    expect(await readFile(path.join(root, 'keep.txt'), 'utf8')).toBe('mine\n');

    await expect(scaffoldPack(path.join(root, 'keep.txt'))).rejects.toMatchObject({ code: 'PACK_DIR_NOT_EMPTY' });
    const bad = await scaffoldPack(path.join(root, 'new'), { name: 'NoScope' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PackValidationError);
    expect((bad as PackValidationError).format()).toBe(
      'pack.yaml: name: expected a scoped npm-style name, lowercase, e.g. "@acme/interview-basics", got "NoScope"',
    );
  });

  test('toSlug makes lowercase-dashed ids', () => {
    expect(toSlug('Closest_Point 2')).toBe('closest-point-2');
    expect(toSlug('--A--')).toBe('a');
  });
});
