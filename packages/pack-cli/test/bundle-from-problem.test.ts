/** Bundles built from a real scaffolded pack: which tests each kind carries, limits and checker. */
import { join } from 'node:path';
import { importKattisProblem, loadPack, scaffoldPack, type LoadedProblem } from '@duet/sdk/pack';
import { describe, expect, it } from 'vitest';
import { bundleFromProblem } from '@duet/sdk/pack';
import { tempDir, writeTree } from './helpers.js';
import { KATTIS_RANGE_PROBLEM } from './kattis-fixture.js';

async function scaffolded(): Promise<LoadedProblem> {
  const root = await tempDir();
  await scaffoldPack(join(root, 'pack'), { name: '@test/bundles' });
  const pack = await loadPack(join(root, 'pack'));
  const problem = pack.problems[0];
  if (!problem) throw new Error('the scaffold has no problem');
  return problem;
}

describe('bundleFromProblem', () => {
  it('sample runs carry data/sample with answers; submit runs data/secret; all = samples then secret', async () => {
    const problem = await scaffolded();
    const code = 'def max_subarray(nums):\n    return max(nums)\n';

    const sample = await bundleFromProblem(problem, { code, kind: 'sample', timeLimitMs: 1500 });
    expect(sample.kind).toBe('sample');
    expect(sample.tests.map((t) => t.name)).toEqual(['sample/1', 'sample/2']);
    expect(sample.tests[0]).toEqual({ name: 'sample/1', input: '[[-2,1,-3,4,-1,2,1,-5,4]]\n', answer: '6\n' });
    expect(sample.interface).toEqual({ type: 'function', entry: 'max_subarray' });
    expect(sample.limits).toEqual({ time_ms: 1500, memory_mb: 256, output_kb: 8192 });
    expect(sample.checker).toEqual({ type: 'default' });
    expect(sample.code).toBe(code);
    expect(sample.language).toBe('python');

    const submit = await bundleFromProblem(problem, { code, kind: 'submit', timeLimitMs: 1000 });
    expect(submit.tests.map((t) => t.name)).toEqual(['secret/01-single', 'secret/02-all-negative', 'secret/03-mixed', 'secret/04-large']);
    expect(submit.tests.every((t) => typeof t.answer === 'string')).toBe(true);

    const all = await bundleFromProblem(problem, { code, kind: 'submit', data: 'all', timeLimitMs: 1000 });
    expect(all.tests.map((t) => t.name)).toEqual([...sample.tests.map((t) => t.name), ...submit.tests.map((t) => t.name)]);
  });

  it('custom runs carry one test with the given input and no answer', async () => {
    const problem = await scaffolded();
    const bundle = await bundleFromProblem(problem, { code: 'x', kind: 'custom', timeLimitMs: 1000, stdin: '[[1, 2]]' });
    expect(bundle.tests).toEqual([{ name: 'custom', input: '[[1, 2]]' }]);
  });

  it('a Kattis problem with a custom validator gets a custom checker with the validator sources', async () => {
    const root = await tempDir();
    await scaffoldPack(join(root, 'pack'));
    await writeTree(join(root, 'pick'), KATTIS_RANGE_PROBLEM);
    const problem = await importKattisProblem(join(root, 'pick'), join(root, 'pack'), { id: 'pick' });
    const bundle = await bundleFromProblem(problem, { code: 'print(1)', kind: 'sample', timeLimitMs: 200 });
    expect(bundle.interface).toEqual({ type: 'stdio' });
    expect(bundle.checker).toMatchObject({ type: 'custom', language: 'python' });
    const files = (bundle.checker as { files: Record<string, string> }).files;
    expect(Object.values(files).join('\n')).toContain('judgemessage.txt');
    expect(bundle.limits.memory_mb).toBe(256);
  });
});
