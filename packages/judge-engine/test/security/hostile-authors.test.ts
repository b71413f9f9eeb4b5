/**
 * Attacks of a pack author through output validators: reading host files at compile time, starving
 * the host while compiling, planting a validator in the compiled-validator cache, and judge faults
 * that would carry the author's or the program's text out of a hidden run.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckerSpec } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import { type Incident, createSandboxDriver, judgeBundle } from '../../src/index.js';
import { isRoot } from '../../src/sandbox/driver.js';
import { bundleOf, everything, expectStillServing } from './support.js';

const cacheRoot = mkdtempSync(join(tmpdir(), 'duet-validator-attacks-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

function driverWithCache(name: string) {
  const validatorCacheDir = join(cacheRoot, name);
  return { driver: createSandboxDriver({ validatorCacheDir }), validatorCacheDir };
}

const sumCode = 'a, b = map(int, input().split())\nprint(a + b)\n';
const wrongCode = 'print(0)\n';
const tests = [
  { name: 'secret/one', input: '2 3\n', answer: '5\n' },
  { name: 'secret/two', input: '10 20\n', answer: '30\n' },
];
const cppChecker = (source: string): CheckerSpec => ({ type: 'custom', language: 'cpp', files: { 'validate.cpp': source } });
const EXACT_CPP = `
#include <fstream>
#include <iostream>
int main(int argc, char** argv) {
  std::ifstream answer(argv[2]); long want; answer >> want;
  long got; if (!(std::cin >> got)) return 43;
  return got == want ? 42 : 43;
}
`;

function bundle(code: string, checker: CheckerSpec, kind: RunBundle['kind'] = 'sample'): RunBundle {
  return { ...bundleOf(code, { kind, tests }), checker };
}

describe('validators are compiled in a sandbox of their own', () => {
  it.runIf(isRoot())('#include and .incbin of a host file put nothing of it in any result', async () => {
    const { driver } = driverWithCache('includes');
    const shadow = readFileSync('/etc/shadow', 'utf8').split('\n')[0] ?? 'root:';
    const sources = [
      '#include "/etc/shadow"\nint main() { return 42; }\n',
      'asm(".incbin \\"/etc/shadow\\"");\nint main() { return 42; }\n',
      '#include "/root/.bashrc"\nint main() { return 42; }\n',
    ];
    for (const source of sources) {
      for (const kind of ['sample', 'submit'] as const) {
        const result = await judgeBundle(bundle(sumCode, cppChecker(source), kind), { driver, onIncident: () => {} });
        expect(result.verdict).toBe('IE');
        expect(everything(result)).not.toContain(shadow.slice(0, 12));
      }
    }
  });

  it.runIf(isRoot())('#include "/dev/zero" ends within the build limits and the judge keeps serving', async () => {
    const { driver } = driverWithCache('dev-zero');
    const started = Date.now();
    const result = await judgeBundle(bundle(sumCode, cppChecker('#include "/dev/zero"\nint main() { return 42; }\n')), { driver });
    expect(result.verdict).toBe('IE');
    expect(result.tests[0]?.message).toMatch(/output validator unusable: g\+\+: compiling (used more than|took longer than)|g\+\+ failed/);
    expect(Date.now() - started).toBeLessThan(90_000);
    await expectStillServing();
  }, 120_000);

  it.runIf(isRoot())('a validator that does not compile is compiled once: the failure is cached by content hash', async () => {
    const { driver, validatorCacheDir } = driverWithCache('failed-build');
    const broken = cppChecker('int main( {\n');
    const first = await judgeBundle(bundle(sumCode, broken), { driver });
    expect(first.tests.map((t) => t.verdict)).toEqual(['IE', 'IE']);
    const entries = readdirSync(validatorCacheDir).filter((n) => n.endsWith('.json'));
    expect(entries).toHaveLength(1);
    const entry = join(validatorCacheDir, entries[0]!);
    expect(JSON.parse(readFileSync(entry, 'utf8'))).toMatchObject({ ok: false, error: expect.stringMatching(/g\+\+ failed/) });
    const written = statSync(entry).mtimeMs;
    const again = await judgeBundle(bundle(sumCode, broken), { driver });
    expect(again.tests.map((t) => t.verdict)).toEqual(['IE', 'IE']);
    expect(statSync(entry).mtimeMs).toBe(written);
  });
});

describe('the compiled-validator cache cannot be planted', () => {
  it.runIf(isRoot())('a cached binary that is not what was compiled is never run: it is rebuilt', async () => {
    const { driver, validatorCacheDir } = driverWithCache('tampered');
    const checker = cppChecker(EXACT_CPP);
    expect((await judgeBundle(bundle(wrongCode, checker), { driver })).tests.map((t) => t.verdict)).toEqual(['WA', 'WA']);
    // Attack: replace the cached binary with one that accepts everything.
    const binary = readdirSync(validatorCacheDir).find((n) => n.endsWith('.bin'));
    expect(binary).toBeDefined();
    writeFileSync(join(validatorCacheDir, binary!), '#!/bin/sh\nexit 42\n');
    expect((await judgeBundle(bundle(wrongCode, checker), { driver })).tests.map((t) => t.verdict)).toEqual(['WA', 'WA']);
  });

  it.runIf(isRoot())('a cache folder that is a link, or someone else’s, is refused rather than used', async () => {
    const elsewhere = join(cacheRoot, 'attacker-owned');
    mkdirSync(elsewhere, { mode: 0o777 });
    const linked = join(cacheRoot, 'linked');
    symlinkSync(elsewhere, linked);
    const viaLink = createSandboxDriver({ validatorCacheDir: linked });
    const result = await judgeBundle(bundle(sumCode, cppChecker(EXACT_CPP)), { driver: viaLink });
    expect(result.verdict).toBe('IE');
    expect(readdirSync(elsewhere)).toEqual([]);

    const foreign = join(cacheRoot, 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    const { chownSync } = await import('node:fs');
    chownSync(foreign, 65534, 65534);
    const owned = await judgeBundle(bundle(sumCode, cppChecker(EXACT_CPP)), { driver: createSandboxDriver({ validatorCacheDir: foreign }) });
    expect(owned.verdict).toBe('IE');
    expect(readdirSync(foreign)).toEqual([]);
  });

  it('the default cache is not a predictable path in the shared /tmp', () => {
    const driver = createSandboxDriver();
    expect(driver.validatorCacheDir.startsWith(tmpdir())).toBe(false);
  });
});

describe('judge faults in hidden runs', () => {
  it('a crashing validator is IE with a fixed message and an incident id; the details reach the operator only', async () => {
    const { driver } = driverWithCache('crash');
    const crash: CheckerSpec = {
      type: 'custom',
      language: 'python',
      files: { 'validate.py': 'import sys\nteam = sys.stdin.read()\nraise RuntimeError("validator saw: " + team)\n' },
    };
    const incidents: Incident[] = [];
    const secretOutput = 'hidden-output-8e1f';
    const result = await judgeBundle(bundle(`print(${JSON.stringify(secretOutput)})`, crash, 'submit'), { driver, onIncident: (i) => incidents.push(i) });
    expect(result.verdict).toBe('IE');
    const text = everything(result);
    expect(text).not.toContain(secretOutput);
    expect(text).not.toContain('RuntimeError');
    for (const [i, test] of result.tests.entries()) {
      expect(test.message).toBe(`internal judge error (incident ${incidents[i]?.id}); the details are in the judge's log`);
    }
    expect(incidents).toHaveLength(2);
    expect(incidents[0]?.detail).toContain('RuntimeError');
  });
});
