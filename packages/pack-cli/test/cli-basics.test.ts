/**
 * The CLI surface that needs no judge: help, version, usage errors, init, validate, import-kattis
 * errors and missing files. Everything runs the real CLI in-process on real temp folders.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTree } from './helpers.js';
import { KATTIS_RANGE_PROBLEM } from './kattis-fixture.js';

describe('duet-pack usage', () => {
  it('prints the package version', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await cli(['--version'], process.cwd());
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(manifest.version);
  });

  it('lists every command in --help and documents each command', async () => {
    const run = await cli(['--help'], process.cwd());
    expect(run.code).toBe(0);
    for (const command of ['init', 'validate', 'test', 'run', 'import-kattis']) expect(run.stdout).toContain(command);
    const runHelp = await cli(['run', '--help'], process.cwd());
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toContain('--stdin <file>');
    expect(runHelp.stdout).toContain('--samples');
  });

  it('exits 2 on an unknown command or a missing argument, without a stack trace', async () => {
    const unknown = await cli(['publsh'], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'publsh'/);
    const missing = await cli(['run', 'somewhere'], process.cwd());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'problem'/);
    expect(unknown.stderr + missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('duet-pack init and validate', () => {
  it('creates a pack that validates, and prints next steps', async () => {
    const root = await tempDir();
    const init = await cli(['init', 'my-pack', '--name', '@acme/basics'], root);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Next steps');
    expect(init.stdout).toContain('duet-pack test my-pack');
    expect(await readFile(join(root, 'my-pack/pack.yaml'), 'utf8')).toContain('@acme/basics');

    const validate = await cli(['validate', 'my-pack'], root);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/valid: @acme\/basics@0\.1\.0, 1 problems/);
    expect(validate.stdout).toMatch(/max-subarray: 6 tests, 3 submissions/);

    const json = await cli(['validate', 'my-pack', '--json'], root);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, issues: [], warnings: [] });
  });

  it('refuses to init into a non-empty folder (exit 2)', async () => {
    const root = await tempDir();
    await writeTree(root, { 'taken/readme.txt': 'mine\n' });
    const run = await cli(['init', 'taken'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^duet-pack: .*taken is not empty/);
  });

  it('rejects a bad --name with the field and exit 2', async () => {
    const root = await tempDir();
    const run = await cli(['init', 'p', '--name', 'Not A Name'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pack.yaml: name:');
  });

  it('reports every issue of an invalid pack at once, naming file and field (exit 2)', async () => {
    const root = await tempDir();
    await cli(['init', 'pack'], root);
    const problemYaml = join(root, 'pack/problems/max-subarray/problem.yaml');
    await writeFile(problemYaml, (await readFile(problemYaml, 'utf8')).replace('memory: 256', 'memory: lots'));
    const packYaml = join(root, 'pack/pack.yaml');
    await writeFile(packYaml, (await readFile(packYaml, 'utf8')).replace('version: 0.1.0', 'version: one'));

    const text = await cli(['validate', 'pack'], root);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^pack\.yaml(:\d+:\d+)?: version: /m);
    expect(text.stdout).toMatch(/^problems\/max-subarray\/problem\.yaml(:\d+:\d+)?: limits\.memory: /m);
    expect(text.stderr).toBe('duet-pack: pack is invalid (2 issues)\n');

    const json = await cli(['validate', 'pack', '--json'], root);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as { ok: boolean; issues: Array<{ file: string; field?: string; message: string }> };
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => [i.file, i.field])).toEqual(
      expect.arrayContaining([
        ['pack.yaml', 'version'],
        ['problems/max-subarray/problem.yaml', 'limits.memory'],
      ]),
    );

    // Commands that need a valid pack print the same issues and exit 2, never a stack trace.
    const test = await cli(['test', 'pack'], root);
    expect(test.code).toBe(2);
    expect(test.stderr).toMatch(/^duet-pack: invalid pack \(2 issues\):\n/);
    expect(test.stderr).toContain('problems/max-subarray/problem.yaml');
    expect(test.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate of a folder that does not exist names it (exit 2)', async () => {
    const root = await tempDir();
    const run = await cli(['validate', 'nowhere', '--json'], root);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).issues[0].message).toMatch(/missing folder/);
  });
});

describe('duet-pack run and import-kattis input errors', () => {
  it('names a missing solution file, a missing --stdin file and an unknown problem (exit 2)', async () => {
    const root = await tempDir();
    await cli(['init', 'pack'], root);
    await writeFile(join(root, 'sol.py'), 'print(1)\n');

    const noFile = await cli(['run', 'pack', 'max-subarray', 'missing.py'], root);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe(`duet-pack: cannot read solution file ${join(root, 'missing.py')}: no such file\n`);

    const noStdin = await cli(['run', 'pack', 'max-subarray', 'sol.py', '--stdin', 'in.txt'], root);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain(`cannot read --stdin file ${join(root, 'in.txt')}: no such file`);

    const noProblem = await cli(['run', 'pack', 'two-sum', 'sol.py'], root);
    expect(noProblem.code).toBe(2);
    expect(noProblem.stderr).toBe("duet-pack: no problem 'two-sum' in pack (problems: max-subarray)\n");

    const both = await cli(['run', 'pack', 'max-subarray', 'sol.py', '--stdin', 'sol.py', '--samples'], root);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  });

  it('import-kattis into a folder without pack.yaml fails cleanly and changes nothing (exit 2)', async () => {
    const root = await tempDir();
    await writeTree(join(root, 'pick'), KATTIS_RANGE_PROBLEM);
    await writeTree(root, { 'not-a-pack/.keep': '' });
    const run = await cli(['import-kattis', 'pick', 'not-a-pack'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pack\.yaml/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('import-kattis of a problem folder that does not exist names it (exit 2)', async () => {
    const root = await tempDir();
    await cli(['init', 'pack'], root);
    const run = await cli(['import-kattis', 'nowhere', 'pack'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid problem ${join(root, 'nowhere')}`);
    expect(run.stderr).toMatch(/missing folder/);
  });

  it('import-kattis refuses an id the pack already has (exit 2)', async () => {
    const root = await tempDir();
    await cli(['init', 'pack'], root);
    await writeTree(join(root, 'pick'), KATTIS_RANGE_PROBLEM);
    const run = await cli(['import-kattis', 'pick', 'pack', '--id', 'max-subarray'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/max-subarray/);
  });
});
