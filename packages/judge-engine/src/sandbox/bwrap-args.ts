/**
 * The bubblewrap command line of a sandbox: fresh namespaces of every kind (so no network), a
 * read-only root holding only what the runtime needs, private size-capped tmpfs for /tmp and
 * /dev/shm, an unprivileged uid, an empty environment, a seccomp filter.
 */
import { join } from 'node:path';

/** A file materialised inside the sandbox from a pipe (bwrap `--ro-bind-data`): no host path. */
export interface DataFile {
  /** Absolute path inside the sandbox. */
  dest: string;
  /** Octal permission string, e.g. '0444' or '0555'. */
  perms: string;
}

/** A host file bound at a path inside the sandbox. */
export interface FileBind {
  src: string;
  dest: string;
  writable: boolean;
}

/**
 * The user namespace. `single`: bwrap maps the caller's uid (the unprivileged fallback). `pair`:
 * the host maps exactly two uids itself (bwrap waits on `blockFd` until it has) and the command
 * keeps the capabilities it needs to run its children under the second one.
 */
export type UserNamespace =
  | { kind: 'single'; uid: number }
  | { kind: 'pair'; supervisorUid: number; blockFd: number; infoFd: number; capabilities: readonly string[] };

export interface BwrapOptions {
  /** Folder whose usr/bin, usr/lib, usr/lib64 become the sandbox's /usr ('/' = the host's). */
  rootfs: string;
  /** Which folders of the rootfs are bound (default usr/bin, usr/lib, usr/lib64). */
  usrDirs?: readonly string[];
  /** Read-only binds of extra host directories: host path → sandbox path. */
  roBinds?: ReadonlyArray<{ src: string; dest: string }>;
  /** Host files bound one by one (the run's cgroup accounting files). */
  fileBinds?: readonly FileBind[];
  /** Files copied in from pipes; the n-th file reads from fd `firstDataFd + n`. */
  dataFiles?: readonly DataFile[];
  firstDataFd?: number;
  /** fd bwrap reads the seccomp BPF program from. */
  seccompFd?: number;
  tmpSizeBytes: number;
  /** Leave the command as pid 1 of the new pid namespace (the harness reaps and kills leftovers). */
  asPid1: boolean;
  userNamespace: UserNamespace;
  chdir?: string;
  env?: Readonly<Record<string, string>>;
}

const BASE_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/bin:/bin',
  LANG: 'C.UTF-8',
  HOME: '/tmp',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
  PYTHONHASHSEED: '0',
};

/** Only these parts of the rootfs are visible: no /usr/local, /etc, /home, /root, /work, /var. */
const ROOTFS_DIRS = ['usr/bin', 'usr/lib', 'usr/lib64'] as const;
/** Where the cgroup accounting files are bound (see cgroups.ts). */
export const CGROUP_BIND_DIR = '/cg';

export function bwrapArgs(opts: BwrapOptions, command: readonly string[]): string[] {
  const ns = opts.userNamespace;
  const args = ['--unshare-all', '--unshare-user', '--die-with-parent', '--new-session', '--hostname', 'sandbox', '--clearenv'];
  if (ns.kind === 'single') {
    // No nested user namespaces (bwrap's own switch; with a uid pair the harness closes them itself).
    args.push('--disable-userns', '--uid', String(ns.uid), '--gid', String(ns.uid));
  } else {
    args.push('--userns-block-fd', String(ns.blockFd), '--info-fd', String(ns.infoFd));
    args.push('--uid', String(ns.supervisorUid), '--gid', String(ns.supervisorUid));
    for (const cap of ns.capabilities) args.push('--cap-add', cap);
  }
  for (const [name, value] of Object.entries({ ...BASE_ENV, ...opts.env })) args.push('--setenv', name, value);
  // Parents bwrap creates are 0700 and the supervisor's: the test uid must be able to look inside.
  args.push('--perms', '0755', '--dir', '/usr');
  for (const dir of opts.usrDirs ?? ROOTFS_DIRS) args.push('--ro-bind-try', join(opts.rootfs, dir), `/${dir}`);
  args.push('--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64');
  args.push('--proc', '/proc', '--dev', '/dev');
  // 1777: with a uid pair the test children's uid must be able to write there too.
  args.push('--perms', '1777', '--size', String(opts.tmpSizeBytes), '--tmpfs', '/tmp');
  args.push('--perms', '1777', '--size', String(opts.tmpSizeBytes), '--tmpfs', '/dev/shm');
  for (const bind of opts.roBinds ?? []) args.push('--ro-bind', bind.src, bind.dest);
  if (opts.fileBinds?.length) {
    args.push('--perms', '0755', '--dir', CGROUP_BIND_DIR);
    for (const bind of opts.fileBinds) args.push(bind.writable ? '--bind' : '--ro-bind', bind.src, bind.dest);
  }
  const firstFd = opts.firstDataFd ?? 3;
  (opts.dataFiles ?? []).forEach((file, index) => {
    args.push('--perms', file.perms, '--ro-bind-data', String(firstFd + index), file.dest);
  });
  if (opts.seccompFd !== undefined) args.push('--seccomp', String(opts.seccompFd));
  args.push('--remount-ro', '/');
  if (opts.asPid1) args.push('--as-pid-1');
  args.push('--chdir', opts.chdir ?? '/tmp');
  args.push('--', ...command);
  return args;
}
