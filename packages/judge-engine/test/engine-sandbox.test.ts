/** The sandbox around the harness: hardening, the outside-the-sandbox refusal, timing, bundle parsing. */
import { describe, expect, it } from 'vitest';
import { createSandboxDriver, judgeBundle, sandboxAvailable } from '../src/index.js';
import { isRoot, privilegeSpec } from '../src/sandbox/driver.js';
import { startSandbox } from '../src/sandbox/spawn-sandbox.js';
import { driver, stdioBundle } from './engine-support.js';

describe('sandbox', () => {
  it('is available here', async () => {
    expect(await sandboxAvailable(driver)).toEqual({ ok: true });
  });

  it('the harness is non-dumpable: a test cannot read its memory or fds, and runs unprivileged in /tmp', async () => {
    const code = `
import os
print('ppid', os.getppid(), 'uid', os.getuid(), 'cwd', os.getcwd())
print('supervisor', os.stat('/proc/1').st_uid)
for what in ('mem', 'fd', 'environ'):
    try:
        p = '/proc/%d/%s' % (os.getppid(), what)
        (os.listdir(p) if what == 'fd' else open(p, 'rb').read(1))
        print(what, 'OPEN')
    except OSError as e:
        print(what, 'DENIED')
print('fds', sorted(int(f) for f in os.listdir('/proc/self/fd')))
`;
    const result = await judgeBundle(stdioBundle(code, [{ name: 'probe', input: '' }], { kind: 'custom' }), { driver });
    const out = result.tests[0]?.stdout ?? '';
    const uid = Number(/uid (\d+) cwd \/tmp/.exec(out)?.[1]);
    expect(out).toContain('ppid 1 ');
    // As root: a uid of the sandbox's own box, not the supervisor's; otherwise the unprivileged fallback.
    if (isRoot()) {
      expect(uid).toBeGreaterThanOrEqual(60_000);
      expect(Number(/supervisor (\d+)/.exec(out)?.[1])).toBe(uid - 1);
    } else expect(uid).toBe(65534);
    expect(out).toContain('mem DENIED');
    expect(out).toContain('fd DENIED');
    expect(out).toContain('environ DENIED');
    // stdin, stdout, stderr, the result and exception fds, and the fd listdir itself opened
    expect(out).toMatch(/fds \[0, 1, 2, 3, 4(, 5)?\]/);
  });

  it('the harness refuses to start unless it is pid 1 of the sandbox (checked inside bwrap, never on the host)', async () => {
    const sandbox = startSandbox({
      bwrap: { rootfs: driver.rootfs, roBinds: [{ src: driver.harnessDir, dest: '/harness' }], tmpSizeBytes: 1 << 20, asPid1: false },
      command: [driver.pythonPath, '-I', '-S', '-B', '/harness/main.py'],
      ...privilegeSpec(driver, { memoryBytes: 256 << 20, pidsMax: 16, cpuCores: 1 }),
      wallTimeoutMs: 20_000,
    });
    sandbox.stdin.end('{}');
    let out = '';
    sandbox.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exit = await sandbox.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toMatch(/refusing to run outside the sandbox/);
    expect(out).toBe('');
  });

  it('the harness survives kill(-1) and kill(ppid) from a test (it is the namespace init): the run goes on', async () => {
    const code = 'import os, sys\nfor pid in (-1, os.getppid()):\n    try: os.kill(pid, 9)\n    except OSError: pass\nprint(input())\n';
    const tests = [1, 2].map((i) => ({ name: `k${i}`, input: `${i}\n`, answer: `${i}\n` }));
    const result = await judgeBundle(stdioBundle(code, tests, { kind: 'submit' }), { driver });
    expect(result.verdict).not.toBe('IE');
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'AC']);
  });

  it('timing is sane: sleeping costs wall time, not CPU; a trivial test is well under the limit', async () => {
    const code = 'import time\nif input() == "sleep":\n    time.sleep(0.4)\nprint("ok")\n';
    const result = await judgeBundle(
      stdioBundle(code, [{ name: 'sleep', input: 'sleep\n', answer: 'ok\n' }, { name: 'fast', input: 'x\n', answer: 'ok\n' }]),
      { driver },
    );
    const [sleep, fast] = result.tests;
    expect(result.verdict).toBe('AC');
    expect(sleep?.wall_ms).toBeGreaterThanOrEqual(400);
    expect(sleep?.cpu_ms).toBeLessThan(300);
    expect(fast?.cpu_ms).toBeLessThan(500);
    // Resident memory the test added (pages it wrote, incl. the interpreter's copied-on-write ones).
    expect(fast?.memory_kb).toBeGreaterThan(100);
    expect(fast?.memory_kb).toBeLessThan(64 * 1024);
  });

  it('cgroups of a run are removed afterwards', async () => {
    if (!isRoot()) return;
    const { existsSync, readdirSync, rmdirSync } = await import('node:fs');
    // A parent of its own: other test files and other judges on this host use `duet`.
    const parent = `duet-removal-${process.pid}`;
    const own = createSandboxDriver({ cgroupParent: parent });
    await judgeBundle(stdioBundle('print(1)', [{ name: 'a', input: '', answer: '1' }]), { driver: own });
    for (const c of ['memory', 'pids', 'cpu', 'cpuacct']) {
      const root = `/sys/fs/cgroup/${c}/${parent}`;
      if (!existsSync(root)) continue;
      expect(readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())).toEqual([]);
      rmdirSync(root);
    }
  });
});

describe('abort', () => {
  it('an aborted run rejects promptly and leaves nothing running', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = judgeBundle(stdioBundle('import time\ntime.sleep(30)\n', [{ name: 'a', input: '', answer: '' }], { limits: { time_ms: 20_000, memory_mb: 64, output_kb: 64 } }), {
      driver,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('user left')), 300);
    await expect(pending).rejects.toThrow('user left');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
