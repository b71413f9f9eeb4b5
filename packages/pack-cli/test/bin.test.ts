/**
 * The built `duet-pack` binary as users run it: a separate node process on dist/bin.js, so the
 * shebang, the exit codes and the dist → dist imports of the workspace packages are exercised.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const execFileAsync = promisify(execFile);

const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

async function spawnBin(args: string[], cwd: string): Promise<Spawned> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [binPath, ...args], { cwd, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('dist/bin.js', { timeout: 180_000 }, () => {
  // dist/ is built by `npm test` (npm run build) before vitest starts: no rebuild here, where
  // concurrent test files would race on the same output.

  it('keeps the node shebang', async () => {
    expect((await readFile(binPath, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('exits 0 with the version, 2 on an invalid pack or a missing file, 1 on a failed run', async () => {
    const root = await tempDir();
    const version = await spawnBin(['--version'], root);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);

    const init = await spawnBin(['init', 'pack'], root);
    expect(init.code, init.stderr).toBe(0);

    const missing = await spawnBin(['run', 'pack', 'max-subarray', 'nope.py'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^duet-pack: cannot read solution file .*nope\.py: no such file\n$/);

    await writeFile(join(root, 'wrong.py'), 'def max_subarray(nums):\n    return 0\n');
    const failed = await spawnBin(['run', 'pack', 'max-subarray', 'wrong.py', '--samples'], root);
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/verdict: WA/);

    await writeFile(join(root, 'pack/pack.yaml'), 'name: nope\n');
    const invalid = await spawnBin(['test', 'pack'], root);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^duet-pack: invalid pack \(\d+ issues?\):\npack\.yaml/);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
  });
});
