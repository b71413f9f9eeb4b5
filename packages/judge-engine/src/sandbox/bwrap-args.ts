/**
 * The bubblewrap command line of a sandbox: fresh namespaces of every kind (so no network), a
 * read-only root holding only what Python needs from the runtime rootfs, private size-capped tmpfs
 * for /tmp and /dev/shm, a non-root uid, an empty environment, no nested user namespaces.
 */
import { join } from 'node:path';

/** A file materialised inside the sandbox from a pipe (bwrap `--ro-bind-data`): no host path. */
export interface DataFile {
  /** Absolute path inside the sandbox. */
  dest: string;
  /** Octal permission string, e.g. '0444' or '0555'. */
  perms: string;
}

export interface BwrapOptions {
  /** Root filesystem whose /usr tree is bound read-only ('/' = the host's). */
  rootfs: string;
  /** Read-only binds of extra host directories: host path → sandbox path. */
  roBinds?: ReadonlyArray<{ src: string; dest: string }>;
  /** Files copied in from pipes; the n-th file reads from fd `firstDataFd + n`. */
  dataFiles?: readonly DataFile[];
  firstDataFd?: number;
  tmpSizeBytes: number;
  /** Leave the command as pid 1 of the new pid namespace (the harness reaps and kills leftovers). */
  asPid1: boolean;
  chdir?: string;
  env?: Readonly<Record<string, string>>;
}

export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

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

export function bwrapArgs(opts: BwrapOptions, command: readonly string[]): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--uid', String(SANDBOX_UID),
    '--gid', String(SANDBOX_GID),
    '--hostname', 'sandbox',
    '--clearenv',
  ];
  for (const [name, value] of Object.entries({ ...BASE_ENV, ...opts.env })) args.push('--setenv', name, value);
  for (const dir of ROOTFS_DIRS) args.push('--ro-bind-try', join(opts.rootfs, dir), `/${dir}`);
  args.push('--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64');
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--size', String(opts.tmpSizeBytes), '--tmpfs', '/tmp');
  args.push('--size', String(opts.tmpSizeBytes), '--tmpfs', '/dev/shm');
  for (const bind of opts.roBinds ?? []) args.push('--ro-bind', bind.src, bind.dest);
  const firstFd = opts.firstDataFd ?? 3;
  (opts.dataFiles ?? []).forEach((file, index) => {
    args.push('--perms', file.perms, '--ro-bind-data', String(firstFd + index), file.dest);
  });
  args.push('--remount-ro', '/');
  if (opts.asPid1) args.push('--as-pid-1');
  args.push('--chdir', opts.chdir ?? '/tmp');
  args.push('--', ...command);
  return args;
}
