/**
 * Errors of the pack format. Every user mistake becomes a `PackIssue` naming the file (relative to
 * the pack or problem folder), the field and what was expected; loaders collect all of them before
 * throwing so an author fixes a pack in one pass instead of one error per run.
 */
export interface PackIssue {
  /** Path relative to the pack (or the problem folder when a problem is loaded on its own). */
  file: string;
  /** Dotted path inside the file, e.g. `limits.memory` or `problems.2`. */
  field?: string;
  /** 1-based position in the file, when known (YAML files). */
  line?: number;
  column?: number;
  /** What is wrong and what is expected. */
  message: string;
}

/** The closed set of pack error codes. */
export const PACK_ERROR_CODES = ['PACK_INVALID', 'PACK_DIR_NOT_EMPTY', 'PACK_CONFLICT', 'TARBALL_INVALID', 'TARBALL_TOO_LARGE'] as const;
export type PackErrorCode = (typeof PACK_ERROR_CODES)[number];

export class PackError extends Error {
  override name = 'PackError';
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One line per issue: `problems/a/problem.yaml:4:3: limits.memory: expected …`. */
export function formatIssue(issue: PackIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}`;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

export function formatIssues(issues: readonly PackIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

/** Warnings are issues that do not make a pack invalid: one `warning: …` line each. */
export function formatWarnings(warnings: readonly PackIssue[]): string {
  return warnings.map((w) => `warning: ${formatIssue(w)}`).join('\n');
}

/** Thrown by the loaders with every issue found, never just the first. */
export class PackValidationError extends PackError {
  override name = 'PackValidationError';
  declare readonly code: 'PACK_INVALID';
  readonly issues: PackIssue[];

  constructor(issues: PackIssue[], what = 'pack') {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    super('PACK_INVALID', `invalid ${what} (${count}):\n${formatIssues(issues)}`);
    this.issues = issues;
  }

  format(): string {
    return formatIssues(this.issues);
  }
}

/** Prefix every issue's file with a folder (a problem's issues inside a pack). */
export function prefixIssues(prefix: string, issues: readonly PackIssue[]): PackIssue[] {
  if (!prefix) return [...issues];
  return issues.map((i) => ({ ...i, file: i.file ? `${prefix}/${i.file}` : prefix }));
}

/**
 * A pack tarball that is refused whole: TARBALL_INVALID (not gzip, corrupt, an unsafe entry: path
 * traversal, an absolute path, a link, a device) or TARBALL_TOO_LARGE (over a cap, which the message
 * names). `entry` is the offending path inside the tarball, when there is one.
 */
export class PackTarballError extends PackError {
  override name = 'PackTarballError';
  declare readonly code: 'TARBALL_INVALID' | 'TARBALL_TOO_LARGE';

  constructor(
    code: 'TARBALL_INVALID' | 'TARBALL_TOO_LARGE',
    message: string,
    readonly entry?: string,
  ) {
    super(code, message);
  }
}
