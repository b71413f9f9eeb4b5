/**
 * Pre-started sandboxes (sandbox/warm-pool.ts): each serves one run only, a run gets its own
 * memory limit, a dead idle sandbox is never handed out, close() leaves no process or cgroup, and
 * an idle sandbox does not keep a process alive.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxDriver, judgeBundle } from '../src/index.js';
import { isRoot } from '../src/sandbox/driver.js';
import { stdioBundle } from './engine-support.js';

const PARENT = `duet-warm-${process.pid}`;
const MEMORY_ROOT = `/sys/fs/cgroup/memory/${PARENT}`;
const CONTROLLERS = ['memory', 'pids', 'cpu', 'cpuacct'];

/** Removes an empty cgroup and the empty groups inside it (the sandbox's memory group is nested). */
function removeGroupTree(dir: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) removeGroupTree(join(dir, d.name));
  rmdirSync(dir);
}
const driver = createSandboxDriver({ warmSandboxes: 1, cgroupParent: PARENT });

/** Run cgroups currently under this file's parent (root only; [] otherwise). */
function runGroups(): string[] {
  if (!existsSync(MEMORY_ROOT)) return [];
  return readdirSync(MEMORY_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  await driver.close();
  for (const c of CONTROLLERS) if (existsSync(`/sys/fs/cgroup/${c}/${PARENT}`)) rmdirSync(`/sys/fs/cgroup/${c}/${PARENT}`);
}, 30_000);

describe('pre-started sandboxes', () => {
  it('serve one run each: nothing a run leaves in /tmp, /dev/shm or its processes reaches the next', async () => {
    const code = `
import os, subprocess, sys
seen = [p for p in ('/tmp/mark', '/dev/shm/mark') if os.path.exists(p)]
open('/tmp/mark', 'w').write('x'); open('/dev/shm/mark', 'w').write('x')
if os.fork() == 0:
    os.setsid(); import time; time.sleep(30)
print('seen', seen, 'procs', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
`;
    const outputs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await judgeBundle(stdioBundle(code, [{ name: 'a', input: '' }], { kind: 'custom' }), { driver });
      outputs.push(result.tests[0]?.stdout ?? '');
    }
    for (const out of outputs) expect(out).toMatch(/^seen \[\] procs \[1, 2, 3\]/);
  });

  it('a run in a pre-started sandbox gets its own memory limit, not the idle one', async () => {
    if (!isRoot()) return;
    await judgeBundle(stdioBundle('print(1)', [{ name: 'a', input: '' }], { kind: 'custom' }), { driver });
    await until(() => runGroups().length === 1); // the replacement, idle
    const [idle] = runGroups();
    const idleLimit = Number(readFileSync(join(MEMORY_ROOT, idle!, 'memory.limit_in_bytes'), 'utf8'));
    // 400 MB in one process: over the idle limit, within this run's 512 MB.
    const code = 'import time\nhoard = bytearray(400 * 1024 * 1024)\nfor i in range(0, len(hoard), 4096): hoard[i] = 1\ntime.sleep(0.5)\nprint("held")\n';
    const running = judgeBundle(stdioBundle(code, [{ name: 'big', input: '' }], { kind: 'custom', limits: { time_ms: 5000, memory_mb: 512, output_kb: 64 } }), { driver });
    await until(() => existsSync(join(MEMORY_ROOT, idle!)) && Number(readFileSync(join(MEMORY_ROOT, idle!, 'memory.limit_in_bytes'), 'utf8')) !== idleLimit);
    const runLimit = Number(readFileSync(join(MEMORY_ROOT, idle!, 'memory.limit_in_bytes'), 'utf8'));
    expect(runLimit).toBeGreaterThanOrEqual(512 * 1024 * 1024);
    expect(idleLimit).toBeLessThan(400 * 1024 * 1024);
    const result = await running;
    expect(result.tests[0]?.stdout).toBe('held\n');
    expect(result.verdict).not.toBe('IE');
  });

  it('an idle sandbox that died is not handed out: the run still works', async () => {
    if (!isRoot()) return;
    await judgeBundle(stdioBundle('print(1)', [{ name: 'a', input: '' }], { kind: 'custom' }), { driver });
    await until(() => runGroups().length === 1);
    const [idle] = runGroups();
    const procs = () => readFileSync(join(MEMORY_ROOT, idle!, 'sandbox', 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
    await until(() => procs().length >= 2); // joined, and bwrap has started its sandbox
    for (const pid of procs()) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone with its parent
      }
    }
    await until(() => !existsSync(join(MEMORY_ROOT, idle!)));
    const result = await judgeBundle(stdioBundle('print(2)', [{ name: 'a', input: '' }], { kind: 'custom' }), { driver });
    expect(result.tests[0]?.stdout).toBe('2\n');
  });

  it('close() ends the idle sandboxes and removes their cgroups', async () => {
    const local = createSandboxDriver({ warmSandboxes: 2, cgroupParent: PARENT });
    await judgeBundle(stdioBundle('print(1)', [{ name: 'a', input: '' }], { kind: 'custom' }), { driver: local });
    if (isRoot()) await until(() => runGroups().length >= 3); // two idle of `local`, one of `driver`
    await local.close();
    if (isRoot()) expect(runGroups().length).toBe(1);
  });

  it('close() while a sandbox is still starting never hangs and leaves nothing running', async () => {
    // Killing bwrap just after its clone() leaves its child running before --die-with-parent takes
    // effect, holding the sandbox's pipes (about 1 in 150 closes hit that window here).
    const parent = `${PARENT}-close`;
    const bundle = stdioBundle('print(1)', [{ name: 'a', input: '' }], { kind: 'custom' });
    for (let i = 0; i < 40; i++) {
      const local = createSandboxDriver({ warmSandboxes: 1, cgroupParent: parent });
      const run = judgeBundle(bundle, { driver: local }); // takes one sandbox, starts its replacement
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 15));
      const closed = await Promise.race([
        local.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
      ]);
      expect(closed, `close() number ${i}`).toBe('closed');
      expect((await run).verdict).toBe('AC');
    }
    if (isRoot()) {
      for (const c of CONTROLLERS) {
        const root = `/sys/fs/cgroup/${c}/${parent}`;
        if (!existsSync(root)) continue;
        expect(readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())).toEqual([]);
        rmdirSync(root);
      }
    }
  });

  it('an idle sandbox does not keep the judging process alive', async () => {
    const script = `
import { createSandboxDriver, judgeBundle } from '@duet/judge-engine';
const driver = createSandboxDriver({ warmSandboxes: 1, cgroupParent: '${PARENT}-exit' });
const r = await judgeBundle({ kind: 'custom', language: 'python', code: 'print(7)', interface: { type: 'stdio' },
  tests: [{ name: 'a', input: '' }], limits: { time_ms: 1000, memory_mb: 64, output_kb: 64 }, checker: { type: 'default' } }, { driver });
console.log(r.tests[0].stdout.trim());
`;
    const started = Date.now();
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the process did not exit by itself'));
      }, 20_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    expect(out.trim()).toBe('7');
    expect(Date.now() - started).toBeLessThan(20_000);
    // It did not close the driver: its idle sandbox died with it (bwrap --die-with-parent), and the
    // empty cgroups it leaves are removable.
    if (isRoot()) {
      for (const c of CONTROLLERS) {
        const root = `/sys/fs/cgroup/${c}/${PARENT}-exit`;
        if (!existsSync(root)) continue;
        for (const d of readdirSync(root, { withFileTypes: true })) {
          if (!d.isDirectory()) continue;
          const joined = c === 'memory' ? join(root, d.name, 'sandbox') : join(root, d.name);
          await until(() => readFileSync(join(joined, 'cgroup.procs'), 'utf8').trim() === '');
          removeGroupTree(join(root, d.name));
        }
        rmdirSync(root);
      }
    }
  });
});
