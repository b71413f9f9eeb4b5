/**
 * Starts one bubblewrap sandbox: as root it is spawned with the unprivileged sandbox uid (so the user
 * namespace maps to `nobody`, never to host root), joins fresh per-run cgroups, then execs bwrap. A wall-clock backstop and the abort signal SIGKILL it; the cgroups are emptied and removed
 * when it ends. The host only ever talks to it through pipes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { type BwrapOptions, SANDBOX_GID, SANDBOX_UID, bwrapArgs } from './bwrap-args.js';
import { type CgroupLimits, RunCgroups } from './cgroups.js';

export interface SandboxSpec {
  bwrap: BwrapOptions;
  command: readonly string[];
  /** Per-run cgroups; omitted when not root. */
  cgroup?: { parent: string; limits: CgroupLimits };
  /** Run as root → spawn with the unprivileged sandbox uid/gid instead. */
  dropPrivileges: boolean;
  /** Backstop: the whole sandbox is killed after this long. */
  wallTimeoutMs: number;
  signal?: AbortSignal;
  /** How much of the sandbox's own stderr is kept (diagnostics only). */
  stderrCapBytes?: number;
}

export interface SandboxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  oomKilled: boolean;
  stderr: string;
}

export interface SandboxProcess {
  stdin: Writable;
  stdout: Readable;
  /** One writable per `bwrap.dataFiles` entry, in order (fds 3, 4, …). */
  dataInputs: Writable[];
  exited: Promise<SandboxExit>;
  kill(): void;
  /** OOM kills in the run's memory cgroup so far (0 without cgroups). */
  oomKills(): number;
}

/** Joins every cgroup.procs file given (count first), then execs the rest of the arguments. */
const JOIN_CGROUPS_AND_EXEC =
  'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';

/** How long dispose() waits for an idle sandbox's pipes to close before closing them itself. */
const DISPOSE_GRACE_MS = 2000;

/** What is only known once a run is assigned to a sandbox (a pre-started one, see warm-pool.ts). */
export interface SandboxActivation {
  wallTimeoutMs: number;
  signal?: AbortSignal;
  /** Replaces the memory cgroup's limit given at start. */
  memoryBytes?: number;
}

/**
 * A sandbox started ahead of its run: namespaces, cgroups and the command's own start-up are done
 * and it blocks reading its stdin. It keeps no event-loop reference while idle, so a pre-started
 * sandbox never holds a CLI open (and bwrap --die-with-parent ends it with the judge).
 */
export interface IdleSandbox {
  isAlive(): boolean;
  /** Assigns the run: starts the wall-clock backstop and the abort wiring. Once only. */
  activate(run: SandboxActivation): SandboxProcess;
  /** Kills an idle sandbox that will not be used; resolves once it has ended and its cgroups are gone. */
  dispose(): Promise<void>;
}

export function startSandbox(spec: SandboxSpec): SandboxProcess {
  return prestartSandbox(spec).activate(spec);
}

export function prestartSandbox(spec: Omit<SandboxSpec, 'wallTimeoutMs' | 'signal'>): IdleSandbox {
  const cgroups = spec.cgroup
    ? RunCgroups.create(spec.cgroup.parent, randomUUID(), spec.cgroup.limits, spec.dropPrivileges ? SANDBOX_UID : undefined)
    : undefined;
  const dataCount = spec.bwrap.dataFiles?.length ?? 0;
  let argv = ['bwrap', ...bwrapArgs({ ...spec.bwrap, firstDataFd: 3 }, spec.command)];
  if (cgroups) argv = ['/bin/sh', '-c', JOIN_CGROUPS_AND_EXEC, 'sh', String(cgroups.procsFiles.length), ...cgroups.procsFiles, ...argv];
  const [file = 'bwrap', ...args] = argv;
  const child = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'pipe', ...Array<'pipe'>(dataCount).fill('pipe')],
    env: { PATH: '/usr/bin:/bin' }, // nothing of the judge's environment reaches the sandbox
    // As root: drop to the sandbox uid before exec (libuv also clears supplementary groups), so the
    // user namespace maps to `nobody` and never to host root. bwrap then sets no_new_privs.
    ...(spec.dropPrivileges ? { uid: SANDBOX_UID, gid: SANDBOX_GID } : {}),
  });
  const stdin = child.stdin as Writable;
  const stdout = child.stdout as Readable;
  const dataInputs = Array.from({ length: dataCount }, (_, i) => child.stdio[3 + i] as Writable);
  for (const stream of [stdin, ...dataInputs]) stream.on('error', () => {}); // EPIPE when the sandbox died
  const stderrCap = spec.stderrCapBytes ?? 64 * 1024;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < stderrCap) stderr += chunk.toString('utf8', 0, Math.min(chunk.length, stderrCap - stderr.length));
  });
  const handles = [child, ...child.stdio] as Array<{ ref?: () => void; unref?: () => void } | null>;
  for (const handle of handles) handle?.unref?.();

  let timedOut = false;
  let aborted = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let run: SandboxActivation | undefined;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // bwrap sets --die-with-parent in its child just after clone(): a bwrap killed in that window
  // leaves the child running with our pipes open, so 'close' would never come. Whatever is still
  // in the run's cgroups once bwrap has exited (by itself or by kill()) is killed.
  child.on('exit', () => cgroups?.killProcesses());
  const onAbort = (): void => {
    aborted = true;
    kill();
  };

  const exited = new Promise<SandboxExit>((resolve) => {
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      closed = true;
      clearTimeout(timer);
      run?.signal?.removeEventListener('abort', onAbort);
      const oomKilled = cgroups?.oomKilled() ?? false;
      const finish = (): void =>
        resolve({ code, signal, timedOut, aborted, oomKilled, stderr: spawnError ? `${spawnError.message}\n${stderr}` : stderr });
      if (cgroups) void cgroups.destroy().then(finish, finish);
      else finish();
    });
  });

  const sandbox: SandboxProcess = { stdin, stdout, dataInputs, exited, kill, oomKills: () => cgroups?.oomKillCount() ?? 0 };
  return {
    isAlive: () => !closed && run === undefined && child.exitCode === null && child.signalCode === null,
    dispose: () => {
      for (const handle of handles) handle?.ref?.(); // wait for its end, even with nothing else to do
      kill();
      // Without cgroups a child that escaped --die-with-parent cannot be found; an idle sandbox has
      // no output anyone wants, so after a grace period our ends of its pipes are closed instead.
      const grace = setTimeout(() => {
        for (const stream of [stdin, stdout, child.stderr, ...dataInputs]) stream?.destroy();
      }, DISPOSE_GRACE_MS);
      return exited.then(() => clearTimeout(grace));
    },
    activate(activation) {
      if (run) throw new Error('a sandbox runs one run only');
      run = activation;
      for (const handle of handles) handle?.ref?.();
      if (activation.memoryBytes !== undefined && cgroups) {
        try {
          cgroups.setMemoryLimit(activation.memoryBytes);
        } catch {
          kill(); // a run must not go ahead under another run's limit: it ends as a judge fault
        }
      }
      if (!closed) {
        timer = setTimeout(() => {
          timedOut = true;
          kill();
        }, activation.wallTimeoutMs);
        if (activation.signal?.aborted) onAbort();
        else activation.signal?.addEventListener('abort', onAbort, { once: true });
      }
      return sandbox;
    },
  };
}
