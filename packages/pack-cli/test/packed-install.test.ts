/**
 * duet-pack as a user gets it from npm: the publishable packages packed with `npm pack`, installed
 * from the tarballs into an empty folder outside the repository, and run with `npx duet-pack`.
 * Nothing may reach back into the monorepo (the harness ships inside @duet/judge-engine).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLISHABLE = ['packages/sdk', 'packages/judge-engine', 'packages/pack-cli'];

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: string[], cwd: string, timeout = 240_000): Promise<Spawned> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, timeout, maxBuffer: 16 << 20, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('duet-pack installed from packed tarballs', { timeout: 600_000 }, () => {
  let work: string;
  let app: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'duet-packed-'));
    app = join(work, 'app');
    // dist/ is built by `npm test` before vitest starts.
    const packed = await run('npm', ['pack', '--pack-destination', work, ...PUBLISHABLE.flatMap((p) => ['-w', p])], repoRoot);
    expect(packed.code, packed.stderr).toBe(0);
    const tarballs = (await readdir(work)).filter((f) => f.endsWith('.tgz'));
    expect(tarballs.sort()).toEqual(['duet-judge-engine-0.0.0.tgz', 'duet-pack-cli-0.0.0.tgz', 'duet-sdk-0.0.0.tgz'].sort());
    await run('mkdir', ['-p', app], work);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'packed-app', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((t) => join(work, t))], app);
    expect(installed.code, installed.stderr).toBe(0);
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the tarballs carry what a user needs, and nothing of the repository', async () => {
    const listed = await run('tar', ['-tzf', join(work, 'duet-judge-engine-0.0.0.tgz')], work);
    const files = listed.stdout.split('\n');
    expect(files).toContain('package/harness/main.py');
    expect(files).toContain('package/dist/index.js');
    expect(files.some((f) => f.includes('/test/') || f.includes('__pycache__'))).toBe(false);
  });

  it('npx duet-pack --help, init, validate, run and test work outside the repository', async () => {
    const help = await run('npx', ['--no-install', 'duet-pack', '--help'], app);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: duet-pack/);

    const init = await run('npx', ['--no-install', 'duet-pack', 'init', 'my-pack', '--name', '@acme/basics'], app);
    expect(init.code, init.stderr).toBe(0);

    const validate = await run('npx', ['--no-install', 'duet-pack', 'validate', 'my-pack', '--json'], app);
    expect(validate.code, validate.stderr).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true });

    await writeFile(join(app, 'kadane.py'), 'def max_subarray(nums):\n    best = cur = nums[0]\n    for x in nums[1:]:\n        cur = max(x, cur + x)\n        best = max(best, cur)\n    return best\n');
    const judged = await run('npx', ['--no-install', 'duet-pack', 'run', 'my-pack', 'max-subarray', 'kadane.py', '--json'], app);
    expect(judged.code, judged.stdout + judged.stderr).toBe(0);
    expect(JSON.parse(judged.stdout)).toMatchObject({ verdict: 'AC' });

    const tested = await run('npx', ['--no-install', 'duet-pack', 'test', 'my-pack', '--no-complexity', '--json'], app);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(JSON.parse(tested.stdout)).toMatchObject({ ok: true });
  });
});
