import { lstat, readdir, readFile, symlink } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { kattisLegacyProblem, readTree, tempDir, writeTree } from '../../test/pack-fixtures.js';
import { checkerSpecFor, importKattisProblem, loadPack, PackError, PackValidationError, scaffoldPack } from './index.js';

/** A scaffolded pack and a Kattis problem folder named like a contest archive's. */
async function setup() {
  const root = await tempDir();
  const pack = path.join(root, 'pack');
  await scaffoldPack(pack, { name: '@acme/imported' });
  const kattis = path.join(root, 'Closest_Point');
  await writeTree(kattis, kattisLegacyProblem());
  return { root, pack, kattis };
}

describe('importKattisProblem', () => {
  test('copies a legacy Kattis problem unchanged, adds duet.yaml and appends it to pack.yaml', async () => {
    const { pack, kattis } = await setup();
    const manifestBefore = await readFile(path.join(pack, 'pack.yaml'), 'utf8');

    const problem = await importKattisProblem(kattis, pack);
    expect(problem.id).toBe('closest-point');

    const copied = await readTree(path.join(pack, 'problems/closest-point'));
    const { 'duet.yaml': duetYaml, ...rest } = copied;
    expect(rest).toEqual(kattisLegacyProblem()); // every file byte for byte, nothing else
    expect(duetYaml).toMatch(/^interface: \{type: stdio\}$/m);
    expect(duetYaml).toMatch(/^checker: default/m);

    // Appended, with the author's comments and layout kept.
    const manifestAfter = await readFile(path.join(pack, 'pack.yaml'), 'utf8');
    expect(manifestAfter).toBe(manifestBefore.replace('  - max-subarray\n', '  - max-subarray\n  - closest-point\n'));

    const loaded = await loadPack(pack);
    expect(loaded.problems.map((p) => p.id)).toEqual(['max-subarray', 'closest-point']);
    const imported = loaded.problems[1]!;
    expect(imported.tests.map((t) => t.name)).toEqual(['sample/1', 'secret/01-small', 'secret/02-tie']);
    expect(imported.statementPath).toMatch(/problem\.en\.tex$/);
    expect(imported.limits).toEqual({ timeMultiplier: 4, timeSafetyMargin: 2, memoryMb: 1024, outputKb: 8192 });
    expect(imported.submissions.map((s) => `${s.name}:${s.language}`)).toEqual([
      'accepted/sol.cc:unsupported',
      'accepted/sol.py:python',
      'run_time_error/crash.py:python',
      'wrong_answer/first.py:python',
    ]);
    expect(await checkerSpecFor(imported)).toEqual({
      type: 'custom',
      language: 'python',
      files: {
        'geometry_helpers.py': kattisLegacyProblem()['output_validators/closest/geometry_helpers.py'],
        'validate.py': kattisLegacyProblem()['output_validators/closest/validate.py'],
      },
      args: ['tolerance', '1e-4'],
    });
    expect((await readdir(pack)).sort()).toEqual(['pack.yaml', 'problems']); // no staging leftovers
  });

  test('keeps an existing duet.yaml and honours an explicit id', async () => {
    const { pack, kattis } = await setup();
    await writeTree(kattis, { 'duet.yaml': 'interface: {type: stdio}\ndifficulty: hard\ntags: [geometry]\n' });
    const problem = await importKattisProblem(kattis, pack, { id: 'closest' });
    expect(problem.duet).toMatchObject({ difficulty: 'hard', tags: ['geometry'] });
    expect(await readFile(path.join(pack, 'problems/closest/duet.yaml'), 'utf8')).toBe('interface: {type: stdio}\ndifficulty: hard\ntags: [geometry]\n');
  });

  test('an invalid problem is rejected with every issue and the pack is left untouched', async () => {
    const { pack, kattis } = await setup();
    await writeTree(kattis, { 'problem.yaml': 'validation: custom\nfoo: bar\n', 'data/secret/03.in': '1\n' });
    const before = await readTree(pack);
    const error = await importKattisProblem(kattis, pack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackValidationError);
    expect((error as PackValidationError).format().split('\n')).toEqual([
      expect.stringMatching(/^problem\.yaml:2:1: foo: unknown key/),
      'data/secret/03.in: no answer file: expected data/secret/03.ans beside it',
    ]);
    expect(await readTree(pack)).toEqual(before);
  });

  test('conflicts and bad targets are clear errors, with no partial writes', async () => {
    const { root, pack, kattis } = await setup();
    const before = await readTree(pack);
    await expect(importKattisProblem(kattis, pack, { id: 'max-subarray' })).rejects.toMatchObject({
      code: 'PACK_CONFLICT',
      message: 'pack.yaml already lists a problem "max-subarray": pass a different id',
    });
    await expect(importKattisProblem(kattis, pack, { id: 'Bad Id' })).rejects.toMatchObject({
      code: 'PACK_INVALID',
      issues: [{ file: 'pack.yaml', field: 'problems', message: expect.stringMatching(/^cannot add "Bad Id": expected a problem id/) }],
    });
    await expect(importKattisProblem(kattis, pack, { id: 'max-subarray' })).rejects.toBeInstanceOf(PackError);
    await writeTree(pack, { 'problems/closest-point/README': 'someone else\n' });
    await expect(importKattisProblem(kattis, pack)).rejects.toMatchObject({ code: 'PACK_CONFLICT' });
    await expect(importKattisProblem(kattis, path.join(root, 'no-pack'))).rejects.toMatchObject({
      code: 'PACK_INVALID',
      issues: [{ file: 'pack.yaml', message: 'missing: expected a pack folder with pack.yaml (create one with duet-pack init)' }],
    });
    expect(await readTree(pack)).toEqual({ ...before, 'problems/closest-point/README': 'someone else\n' });
  });

  test('symlinks inside the problem are copied as files, so the copy stands alone', async () => {
    const { pack, kattis } = await setup();
    await symlink('01-small.in', path.join(kattis, 'data/secret/03-same.in')); // relative, as Kattis packages do
    await symlink(path.join(kattis, 'data/secret/01-small.ans'), path.join(kattis, 'data/secret/03-same.ans')); // absolute
    const problem = await importKattisProblem(kattis, pack);
    const copied = path.join(pack, 'problems/closest-point/data/secret/03-same.ans');
    expect((await lstat(copied)).isSymbolicLink()).toBe(false);
    expect(await readFile(copied, 'utf8')).toBe('0 0\n');
    expect(problem.tests.map((t) => t.name)).toContain('secret/03-same');
  });
});
