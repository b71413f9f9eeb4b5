/**
 * Per-run cgroups (v1): memory (+memsw), pids, cpu and cpuacct controllers under
 * /sys/fs/cgroup/<c>/<parent>/<id>. The sandbox joins them before exec (see spawn-sandbox.ts);
 * afterwards everything still in them is killed and the groups are removed. Only root can do this;
 * callers skip cgroups otherwise.
 *
 * A harness measures and limits each test through them. Memory is two levels: the run's group
 * (`<id>`), whose limit only the host sets, and inside it the group the sandbox joins
 * (`<id>/sandbox`), whose limit the supervisor uid may set, so that each test gets exactly its memory
 * limit on top of what the idle harness holds — never more than the host's cap above it. The
 * counters (CPU nanoseconds, memory in use and its peak, OOM kills) and those limit files are bound
 * one by one at /cg. One test runs at a time, so a test's figures are the counters' growth over the
 * test, for its whole process tree; no process is moved between cgroups per test (each move costs an
 * RCU grace period, milliseconds on this kernel).
 */
import { chownSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CGROUP_BIND_DIR, type FileBind } from './bwrap-args.js';

const CGROUP_ROOT = '/sys/fs/cgroup';
const CONTROLLERS = ['memory', 'pids', 'cpu', 'cpuacct'] as const;
/** The memory group the sandbox joins, inside the run's. */
const SANDBOX_MEMORY_GROUP = 'sandbox';
/** Counters the harness reads (read-only binds). */
const READ_ONLY = { memory: ['memory.usage_in_bytes', 'memory.oom_control'], cpuacct: ['cpuacct.usage'] } as const;
/** Files the supervisor writes: the peak's reset (0 = the usage now) and the per-test limit. */
const SUPERVISOR_WRITES = ['memory.max_usage_in_bytes', 'memory.limit_in_bytes', 'memory.memsw.limit_in_bytes'] as const;

export interface CgroupLimits {
  memoryBytes: number;
  pidsMax: number;
  /** CPU cores worth of quota (1 = one full core). */
  cpuCores: number;
}

export class RunCgroups {
  private constructor(
    /** The groups the sandbox joins, one per controller (memory: the inner group). */
    private readonly joined: Readonly<Record<(typeof CONTROLLERS)[number], string>>,
    /** The run's memory group, whose limit is the host's cap. */
    private readonly memoryCap: string,
  ) {}

  /** `cgroup.procs` files the sandbox's wrapper writes its pid into. */
  get procsFiles(): string[] {
    return Object.values(this.joined).map((dir) => join(dir, 'cgroup.procs'));
  }

  /** Every group, innermost first (the order they are removed in). */
  private get allDirs(): string[] {
    return [...Object.values(this.joined), this.memoryCap];
  }

  /**
   * `joinerUid`: the uid that will write its own pid into cgroup.procs (v1 checks the file's owner)
   * and, as the harness, reset the memory peak and set the inner memory limit between tests.
   */
  static create(parent: string, runId: string, limits: CgroupLimits, joinerUid?: number): RunCgroups {
    const outer = (controller: string) => join(CGROUP_ROOT, controller, parent, runId);
    const joined = { memory: join(outer('memory'), SANDBOX_MEMORY_GROUP), pids: outer('pids'), cpu: outer('cpu'), cpuacct: outer('cpuacct') };
    const groups = new RunCgroups(joined, outer('memory'));
    try {
      for (const dir of Object.values(joined)) mkdirSync(dir, { recursive: true });
      groups.setMemoryLimit(limits.memoryBytes);
      writeFileSync(join(joined.pids, 'pids.max'), String(limits.pidsMax));
      writeFileSync(join(joined.cpu, 'cpu.cfs_period_us'), '100000');
      writeFileSync(join(joined.cpu, 'cpu.cfs_quota_us'), String(Math.round(100000 * limits.cpuCores)));
      // The run's caps stay root's. The sandbox never sees this cgroupfs, only the files bound at /cg.
      if (joinerUid !== undefined) {
        const writable = SUPERVISOR_WRITES.map((file) => join(joined.memory, file)).filter((file) => existsSync(file));
        for (const file of [...groups.procsFiles, ...writable]) chownSync(file, joinerUid, joinerUid);
      }
    } catch (error) {
      void groups.destroy();
      throw error;
    }
    return groups;
  }

  /**
   * Sets the run's memory cap (+memsw, so nothing escapes into swap). v1 keeps memsw >= memory at
   * every step, so the order of the two writes depends on whether the limit goes up or down.
   */
  setMemoryLimit(bytes: number): void {
    const value = String(Math.ceil(bytes));
    const limit = join(this.memoryCap, 'memory.limit_in_bytes');
    const memsw = join(this.memoryCap, 'memory.memsw.limit_in_bytes');
    const hasMemsw = existsSync(memsw);
    const raising = Number(readFileSync(limit, 'utf8')) < bytes;
    if (hasMemsw && raising) writeFileSync(memsw, value);
    writeFileSync(limit, value);
    if (hasMemsw && !raising) writeFileSync(memsw, value);
  }

  /** The counters and the supervisor's files, bound one by one at /cg/<file>. */
  accountingBinds(): FileBind[] {
    const binds: FileBind[] = [];
    for (const [controller, files] of Object.entries(READ_ONLY)) {
      for (const file of files) binds.push({ src: join(this.joined[controller as keyof typeof READ_ONLY], file), dest: `${CGROUP_BIND_DIR}/${file}`, writable: false });
    }
    for (const file of SUPERVISOR_WRITES) {
      const src = join(this.joined.memory, file);
      if (existsSync(src)) binds.push({ src, dest: `${CGROUP_BIND_DIR}/${file}`, writable: true });
    }
    return binds;
  }

  /** True when the memory controller recorded an OOM kill in this run. */
  oomKilled(): boolean {
    return this.oomKillCount() > 0;
  }

  /** How many processes the OOM killer has killed in this run so far, at either level. */
  oomKillCount(): number {
    let count = 0;
    for (const dir of [this.joined.memory, this.memoryCap]) {
      try {
        count += Number(/^oom_kill (\d+)/m.exec(readFileSync(join(dir, 'memory.oom_control'), 'utf8'))?.[1] ?? 0);
      } catch {
        // removed already
      }
    }
    return count;
  }

  /**
   * SIGKILLs every process in the groups now. Everything the sandbox started is in them, including
   * a bwrap child that outlived a killed parent before --die-with-parent took effect.
   */
  killProcesses(): void {
    for (const dir of this.allDirs) killAll(join(dir, 'cgroup.procs'));
  }

  /** Kills every process left in the groups, then removes them (innermost first). Never throws. */
  async destroy(): Promise<void> {
    for (const dir of this.allDirs) {
      for (let attempt = 0; attempt < 400 && existsSync(dir); attempt++) {
        killAll(join(dir, 'cgroup.procs'));
        try {
          rmdirSync(dir);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 5)); // still busy: processes exiting
        }
      }
    }
  }
}

function killAll(procsFile: string): void {
  let pids: string[];
  try {
    pids = readFileSync(procsFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Whether this process may create cgroups under the controllers. */
export function cgroupsUsable(): { ok: boolean; reason?: string } {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, reason: 'not root' };
  for (const controller of CONTROLLERS) {
    if (!existsSync(join(CGROUP_ROOT, controller, 'cgroup.procs')))
      return { ok: false, reason: `cgroup v1 controller '${controller}' is not mounted at ${CGROUP_ROOT}/${controller}` };
  }
  return { ok: true };
}
