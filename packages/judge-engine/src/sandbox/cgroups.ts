/**
 * Per-run cgroups (v1): memory (+memsw), pids and cpu controllers under /sys/fs/cgroup/<c>/<parent>/<id>.
 * The sandbox joins them before exec (see spawn-sandbox.ts); afterwards everything still in them is
 * killed and the groups are removed. Only root can do this; callers skip cgroups otherwise.
 */
import { chownSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CGROUP_ROOT = '/sys/fs/cgroup';

export interface CgroupLimits {
  memoryBytes: number;
  pidsMax: number;
  /** CPU cores worth of quota (1 = one full core). */
  cpuCores: number;
}

export class RunCgroups {
  private constructor(private readonly dirs: readonly string[]) {}

  /** `cgroup.procs` files the sandbox's wrapper writes its pid into. */
  get procsFiles(): string[] {
    return this.dirs.map((dir) => join(dir, 'cgroup.procs'));
  }

  /** `joinerUid`: the uid that will write its own pid into cgroup.procs (v1 checks the file's owner). */
  static create(parent: string, runId: string, limits: CgroupLimits, joinerUid?: number): RunCgroups {
    const memory = join(CGROUP_ROOT, 'memory', parent, runId);
    const pids = join(CGROUP_ROOT, 'pids', parent, runId);
    const cpu = join(CGROUP_ROOT, 'cpu', parent, runId);
    const groups = new RunCgroups([memory, pids, cpu]);
    try {
      for (const dir of groups.dirs) mkdirSync(dir, { recursive: true });
      const bytes = String(Math.ceil(limits.memoryBytes));
      writeFileSync(join(memory, 'memory.limit_in_bytes'), bytes);
      const memsw = join(memory, 'memory.memsw.limit_in_bytes');
      if (existsSync(memsw)) writeFileSync(memsw, bytes); // no escaping the limit into swap
      writeFileSync(join(pids, 'pids.max'), String(limits.pidsMax));
      writeFileSync(join(cpu, 'cpu.cfs_period_us'), '100000');
      writeFileSync(join(cpu, 'cpu.cfs_quota_us'), String(Math.round(100000 * limits.cpuCores)));
      // Only cgroup.procs: the limits themselves stay root's. The sandbox never sees this cgroupfs.
      if (joinerUid !== undefined) for (const file of groups.procsFiles) chownSync(file, joinerUid, joinerUid);
    } catch (error) {
      void groups.destroy();
      throw error;
    }
    return groups;
  }

  /**
   * Changes the memory (+memsw) limit. v1 keeps memsw >= memory at every step, so the order of the
   * two writes depends on whether the limit goes up or down.
   */
  setMemoryLimit(bytes: number): void {
    const memory = this.dirs[0]!;
    const value = String(Math.ceil(bytes));
    const limit = join(memory, 'memory.limit_in_bytes');
    const memsw = join(memory, 'memory.memsw.limit_in_bytes');
    const hasMemsw = existsSync(memsw);
    const raising = Number(readFileSync(limit, 'utf8')) < bytes;
    if (hasMemsw && raising) writeFileSync(memsw, value);
    writeFileSync(limit, value);
    if (hasMemsw && !raising) writeFileSync(memsw, value);
  }

  /** True when the memory controller recorded an OOM kill in this run. */
  oomKilled(): boolean {
    return this.oomKillCount() > 0;
  }

  /** How many processes the memory controller's OOM killer has killed in this run so far. */
  oomKillCount(): number {
    const memory = this.dirs[0];
    if (!memory) return 0;
    try {
      const control = readFileSync(join(memory, 'memory.oom_control'), 'utf8');
      return Number(/^oom_kill (\d+)/m.exec(control)?.[1] ?? 0);
    } catch {
      return 0;
    }
  }

  /**
   * SIGKILLs every process in the groups now. Everything the sandbox started is in them, including
   * a bwrap child that outlived a killed parent before --die-with-parent took effect.
   */
  killProcesses(): void {
    for (const dir of this.dirs) killAll(join(dir, 'cgroup.procs'));
  }

  /** Kills every process left in the groups, then removes them. Never throws. */
  async destroy(): Promise<void> {
    for (const dir of this.dirs) {
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

/** Whether this process may create cgroups under the three controllers. */
export function cgroupsUsable(): { ok: boolean; reason?: string } {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, reason: 'not root' };
  for (const controller of ['memory', 'pids', 'cpu']) {
    if (!existsSync(join(CGROUP_ROOT, controller, 'cgroup.procs')))
      return { ok: false, reason: `cgroup v1 controller '${controller}' is not mounted at ${CGROUP_ROOT}/${controller}` };
  }
  return { ok: true };
}
