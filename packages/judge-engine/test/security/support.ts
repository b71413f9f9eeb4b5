/**
 * Shared fixtures for the sandbox security battery: one real sandbox driver, bundle builders,
 * a "judge still serves" probe and small helpers to search results for leaked secrets.
 * Every attack runs in the real bwrap sandbox through the public engine entry.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunResult, TestResult, Verdict } from '@duet/sdk/judge';
import { createSandboxDriver, judgeBundle } from '../../src/index.js';
import type { RunBundle } from '@duet/sdk/run';

type Driver = ReturnType<typeof createSandboxDriver>;
let sharedDriver: Driver | undefined;

/** One driver per test file (vitest isolates files), created lazily. */
export function driver(): Driver {
  sharedDriver ??= createSandboxDriver();
  return sharedDriver;
}

export interface RunOptions {
  kind?: RunBundle['kind'];
  tests?: RunBundle['tests'];
  input?: string;
  answer?: string;
  time_ms?: number;
  memory_mb?: number;
  output_kb?: number;
}

export function bundleOf(code: string, o: RunOptions = {}): RunBundle {
  const kind = o.kind ?? 'custom';
  const tests =
    o.tests ??
    [{ name: 't1', input: o.input ?? '', ...(kind === 'custom' ? {} : { answer: o.answer ?? 'ok\n' }) }];
  return {
    kind,
    language: 'python',
    code,
    interface: { type: 'stdio' },
    tests,
    limits: { time_ms: o.time_ms ?? 1000, memory_mb: o.memory_mb ?? 128, output_kb: o.output_kb ?? 1024 },
    checker: { type: 'default' },
  };
}

export interface TimedResult {
  result: RunResult;
  wallMs: number;
}

let sandboxVerified: Promise<void> | undefined;

/**
 * Safety interlock: before any attack code runs, a harmless probe must prove that the driver really
 * isolates (own pid and net namespaces, non-root uid). A kill(-1) run on the host once killed every
 * process on the machine; if the probe cannot prove isolation, no attack in this file runs at all.
 */
async function verifySandboxed(): Promise<void> {
  const host = { pid: readlinkSync('/proc/self/ns/pid'), net: readlinkSync('/proc/self/ns/net') };
  const probe = `
import os
def ns(kind):
    try:
        return os.readlink('/proc/self/ns/' + kind)
    except OSError as e:
        return 'ERR%d' % e.errno
print('PROBE', ns('pid'), ns('net'), os.getuid())
`;
  const result = await judgeBundle(bundleOf(probe), { driver: driver() });
  const line = (result.tests[0]?.stdout ?? '').split('\n').find((l) => l.startsWith('PROBE ')) ?? '';
  const [, pidNs = '', netNs = '', uid = ''] = line.split(' ');
  const isolated = /^pid:\[\d+\]$/.test(pidNs) && pidNs !== host.pid && /^net:\[\d+\]$/.test(netNs) && netNs !== host.net && uid !== '' && uid !== '0';
  if (!isolated)
    throw new Error(
      `REFUSING to run attack code: the driver did not prove isolation (host ${host.pid} ${host.net}; ` +
        `probe said ${JSON.stringify(line)}; run ${JSON.stringify(result).slice(0, 800)})`,
    );
}

/** Runs attack code in the real sandbox and measures the host-side wall time of the whole run. */
export async function run(code: string, o: RunOptions = {}): Promise<TimedResult> {
  sandboxVerified ??= verifySandboxed();
  await sandboxVerified;
  const started = performance.now();
  const result = await judgeBundle(bundleOf(code, o), { driver: driver() });
  return { result, wallMs: performance.now() - started };
}

/** The first test's result (attacks use one test unless they say otherwise). */
export function first(r: RunResult): TestResult {
  const t = r.tests[0];
  if (!t) throw new Error(`run returned no tests: ${JSON.stringify(r).slice(0, 500)}`);
  return t;
}

/** stdout of the first test (custom/sample runs return it). */
export function stdoutOf(r: RunResult): string {
  return first(r).stdout ?? '';
}

/** Everything the run returned, as text, for "the secret appears nowhere" assertions. */
export function everything(r: RunResult): string {
  return JSON.stringify(r);
}

export function expectVerdict(r: RunResult, allowed: readonly Verdict[]): void {
  expect(r.verdict, `run: ${JSON.stringify(r).slice(0, 1500)}`).not.toBe('IE');
  expect(allowed, `run: ${JSON.stringify(r).slice(0, 1500)}`).toContain(r.verdict);
}

/** A line-oriented result protocol for attack programs: `KEY value` lines on stdout. */
export function linesStartingWith(out: string, key: string): string[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith(`${key} `) || l === key)
    .map((l) => l.slice(key.length + 1));
}

export const hex32 = (): string => randomBytes(16).toString('hex');

/** Python string literal for embedding host-chosen values (paths, tokens) into attack code. */
export const py = (s: string): string => JSON.stringify(s);

/**
 * The judge keeps serving: a trivial accepted submission still returns AC promptly.
 * Generous bound: 2 shared cores, other helpers' tests running alongside.
 */
export async function expectStillServing(): Promise<void> {
  const { result, wallMs } = await run('print(input()[::-1])', { kind: 'submit', input: 'olleh\n', answer: 'hello\n' });
  expect(result.verdict, `after the attack the judge answered ${JSON.stringify(result).slice(0, 800)}`).toBe('AC');
  expect(wallMs).toBeLessThan(20_000);
}

/** A host temp dir removed by the returned cleanup. */
export function hostTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Host pids whose comm (process name, settable by the attacker via prctl) equals `name`. */
export function hostPidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) out.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until no host process carries `name`; returns the survivors. */
export async function waitNoProcessNamed(name: string, withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  let pids = hostPidsNamed(name);
  while (pids.length > 0 && Date.now() < deadline) {
    await sleep(100);
    pids = hostPidsNamed(name);
  }
  return pids;
}

/** Python prelude: set the process name (comm, 15 chars max) so the host can look for survivors. */
export function pyNameSelf(name: string): string {
  return `
import ctypes, ctypes.util
_libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6', use_errno=True)
def name_self(n=${py(name)}):
    _libc.prctl(15, ctypes.c_char_p(n.encode()), 0, 0, 0)
`;
}
