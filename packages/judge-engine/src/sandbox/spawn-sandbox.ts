/**
 * Starts one bubblewrap sandbox: as root it is spawned with the unprivileged sandbox uid (so the user
 * namespace maps to `nobody`, never to host root), joins fresh per-run cgroups, then execs bwrap. A wall-clock backstop and the abort signal SIGKILL it; the cgroups are emptied and removed
 * when it ends. The host only ever talks to it through pipes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { type BwrapOptions, type UserNamespace, bwrapArgs } from './bwrap-args.js';
import { type CgroupLimits, RunCgroups } from './cgroups.js';
import type { Box, UidPool } from './uid-pool.js';

/** In-sandbox uid of the unprivileged fallback (the caller's own uid, seen as `nobody`). */
export const FALLBACK_SANDBOX_UID = 65534;
/**
 * Capabilities of a supervisor that runs its children under the second uid of its box: all of
 * them are the sandbox user namespace's, which maps only the box's two uids. SYS_RESOURCE is only
 * for closing nested user namespaces at start-up; the harness drops it then.
 */
export const SUPERVISOR_CAPABILITIES = ['CAP_SETUID', 'CAP_SETGID', 'CAP_KILL', 'CAP_SETPCAP', 'CAP_SYS_RESOURCE'] as const;

/**
 * Who the sandbox runs as. `box` (as root): a uid pair from the pool, the first for the command;
 * with `supervisor` the command keeps SUPERVISOR_CAPABILITIES to run children under the second.
 * `caller`: the invoking user's own uid (no root: no cgroups, no second uid).
 */
export type SandboxIdentity = { kind: 'box'; pool: UidPool; supervisor: boolean } | { kind: 'caller' };

export interface SandboxSpec {
  bwrap: Omit<BwrapOptions, 'userNamespace' | 'seccompFd' | 'fileBinds' | 'firstDataFd'>;
  command: readonly string[];
  identity: SandboxIdentity;
  /** Per-run cgroups (root only); `bindAccounting` binds the run's counters at /cg for the harness. */
  cgroup?: { parent: string; limits: CgroupLimits; bindAccounting?: boolean };
  /** A seccomp BPF program (bwrap --seccomp) applied to everything in the sandbox. */
  seccomp?: Buffer;
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
  /** One writable per `bwrap.dataFiles` entry, in order. */
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
  const box = spec.identity.kind === 'box' ? spec.identity.pool.acquire() : undefined;
  let cgroups: RunCgroups | undefined;
  try {
    cgroups = spec.cgroup ? RunCgroups.create(spec.cgroup.parent, randomUUID(), spec.cgroup.limits, box?.supervisorUid) : undefined;
  } catch (error) {
    box?.release();
    throw error;
  }
  // fds after stdio: the user-namespace handshake (uid pair), the seccomp program, the data files.
  const pair = box !== undefined && spec.identity.kind === 'box' && spec.identity.supervisor;
  let nextFd = 3;
  const blockFd = pair ? nextFd++ : -1;
  const infoFd = pair ? nextFd++ : -1;
  const seccompFd = spec.seccomp ? nextFd++ : undefined;
  const firstDataFd = nextFd;
  const dataCount = spec.bwrap.dataFiles?.length ?? 0;
  const userNamespace: UserNamespace = pair
    ? { kind: 'pair', supervisorUid: box.supervisorUid, blockFd, infoFd, capabilities: SUPERVISOR_CAPABILITIES }
    : { kind: 'single', uid: box?.supervisorUid ?? FALLBACK_SANDBOX_UID };
  const bwrapOptions: BwrapOptions = {
    ...spec.bwrap,
    userNamespace,
    firstDataFd,
    ...(seccompFd !== undefined ? { seccompFd } : {}),
    ...(cgroups && spec.cgroup?.bindAccounting ? { fileBinds: cgroups.accountingBinds() } : {}),
  };
  let argv = ['bwrap', ...bwrapArgs(bwrapOptions, spec.command)];
  if (cgroups) argv = ['/bin/sh', '-c', JOIN_CGROUPS_AND_EXEC, 'sh', String(cgroups.procsFiles.length), ...cgroups.procsFiles, ...argv];
  const [file = 'bwrap', ...args] = argv;
  const child = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'pipe', ...Array<'pipe'>(firstDataFd - 3 + dataCount).fill('pipe')],
    env: { PATH: '/usr/bin:/bin' }, // nothing of the judge's environment reaches the sandbox
    // As root: run as the box's uid (libuv also clears supplementary groups), so the user namespace
    // maps only box uids and never host root. bwrap then sets no_new_privs.
    ...(box ? { uid: box.supervisorUid, gid: box.supervisorUid } : {}),
  });
  if (pair) mapUidPairWhenAsked(child, box, blockFd, infoFd);
  if (seccompFd !== undefined) (child.stdio[seccompFd] as Writable).end(spec.seccomp);
  // EPIPE/ECONNRESET on any of our pipe ends once the sandbox has died: its exit says what happened.
  for (const stream of child.stdio.slice(3)) stream?.on('error', () => {});
  const stdin = child.stdin as Writable;
  const stdout = child.stdout as Readable;
  const dataInputs = Array.from({ length: dataCount }, (_, i) => child.stdio[firstDataFd + i] as Writable);
  for (const stream of [stdin, stdout, ...dataInputs]) stream.on('error', () => {}); // EPIPE when the sandbox died
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
      const finish = (): void => {
        box?.release(); // only now: nothing runs under its uids any more
        resolve({ code, signal, timedOut, aborted, oomKilled, stderr: spawnError ? `${spawnError.message}\n${stderr}` : stderr });
      };
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

/**
 * The uid-pair handshake: bwrap reports its child's pid on the info fd and waits on the block fd;
 * the host (root) maps exactly the box's two uids into the new user namespace, then lets it go on.
 * On any failure the sandbox is killed before bwrap is unblocked (an unblocked bwrap without maps
 * fails closed anyway).
 */
function mapUidPairWhenAsked(child: ReturnType<typeof spawn>, box: Box, blockFd: number, infoFd: number): void {
  const block = child.stdio[blockFd] as Writable;
  const info = child.stdio[infoFd] as Readable;
  let text = '';
  info.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  info.on('end', () => {
    try {
      const pid = (JSON.parse(text) as { 'child-pid'?: unknown })['child-pid'];
      if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) throw new Error(`bwrap reported no child pid: ${text.slice(0, 200)}`);
      const map = `${box.supervisorUid} ${box.supervisorUid} 1\n${box.testUid} ${box.testUid} 1\n`;
      writeFileSync(`/proc/${pid}/uid_map`, map);
      writeFileSync(`/proc/${pid}/gid_map`, map);
      block.end('1');
    } catch {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
  info.on('error', () => {});
}
