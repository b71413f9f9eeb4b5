import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { PackIssue } from './errors.js';

/**
 * Read-only file access under one root folder (a problem). Paths are relative to the root with `/`
 * separators, as they appear in issues. Kattis allows symlinks inside a package; a symlink that
 * leaves the root is reported and never followed, so a pack cannot pull host files into a tarball.
 */
export class FsTree {
  readonly issues: PackIssue[] = [];
  /** Findings that do not stop the problem from loading (the author should still know). */
  readonly warnings: PackIssue[] = [];
  private constructor(
    readonly root: string,
    private readonly realRoot: string,
  ) {}

  static async open(root: string): Promise<FsTree> {
    const abs = path.resolve(root);
    return new FsTree(abs, await realpath(abs).catch(() => abs));
  }

  abs(rel: string): string {
    return rel ? path.join(this.root, ...rel.split('/')) : this.root;
  }

  /** 'file' | 'dir' for entries inside the root (following symlinks that stay inside), else null. */
  async kind(rel: string): Promise<'file' | 'dir' | null> {
    const abs = this.abs(rel);
    const link = await lstat(abs).catch(() => null);
    if (!link) return null;
    if (link.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => null);
      if (!target || (target !== this.realRoot && !target.startsWith(this.realRoot + path.sep))) {
        this.report({ file: rel, message: 'symlink points outside the problem folder (or nowhere): expected a file inside it' });
        return null;
      }
    }
    const st = link.isSymbolicLink() ? await stat(abs).catch(() => null) : link;
    if (st?.isFile()) return 'file';
    if (st?.isDirectory()) return 'dir';
    return null;
  }

  /** Names in a folder, sorted; [] when it does not exist. */
  async list(rel: string): Promise<string[]> {
    const names = await readdir(this.abs(rel)).catch(() => [] as string[]);
    return names.sort();
  }

  /** Every file below `rel` (recursive), as root-relative paths, sorted by path. */
  async walk(rel: string, ancestors: ReadonlySet<string> = new Set()): Promise<string[]> {
    // A symlinked folder pointing at one of its ancestors would make the walk endless.
    const real = await realpath(this.abs(rel)).catch(() => this.abs(rel));
    if (ancestors.has(real)) {
      this.report({ file: rel, message: 'symlink loop: expected a folder that does not contain itself' });
      return [];
    }
    const inside = new Set(ancestors).add(real);
    const out: string[] = [];
    for (const name of await this.list(rel)) {
      const child = rel ? `${rel}/${name}` : name;
      const kind = await this.kind(child);
      if (kind === 'file') out.push(child);
      else if (kind === 'dir') out.push(...(await this.walk(child, inside)));
    }
    return out.sort();
  }

  /** A problem of the tree itself, once however many times the same path is visited. */
  private report(issue: PackIssue): void {
    if (!this.issues.some((i) => i.file === issue.file && i.message === issue.message)) this.issues.push(issue);
  }

  /** Text of a file, or null (with an issue) when it cannot be read. */
  async read(rel: string): Promise<string | null> {
    try {
      return await readFile(this.abs(rel), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      this.issues.push({ file: rel, message: `cannot read the file (${reason})` });
      return null;
    }
  }
}
