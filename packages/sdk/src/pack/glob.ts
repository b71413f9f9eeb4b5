/**
 * The glob patterns of submissions.yaml (2023-07+): "Wildcards (`*`) only match within a file name
 * (they do not match `/`)", "Using `**` to match any number of directories and `[xyz]` to match
 * only a subset of characters is not supported. Brace expansion _is_ supported".
 */

/** Why a pattern is not a glob of the spec, or null when it is one. */
export function globProblem(pattern: string): string | null {
  if (pattern.includes('**')) return '`**` is not supported by the spec: expected `*`, which matches within one path segment';
  if (/[[\]]/.test(pattern)) return '`[...]` character sets are not supported by the spec: expected `*` or {a,b} alternatives';
  let depth = 0;
  for (const char of pattern) {
    depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? null : 'unbalanced braces: expected {a,b} alternatives';
}

/** `{a,b}/x` → `a/x`, `b/x` (nested and repeated braces too). */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const cuts: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      close = i;
      break;
    } else if (char === ',' && depth === 1) cuts.push(i);
  }
  if (close < 0) return [pattern];
  const bounds = [open, ...cuts, close];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return bounds.slice(0, -1).flatMap((start, i) => expandBraces(head + pattern.slice(start + 1, bounds[i + 1]) + tail));
}

/** Whether a pattern matches a path exactly (`*` within one segment). */
export function globMatches(pattern: string, path: string): boolean {
  return expandBraces(pattern).some((alternative) => toRegExp(alternative).test(path));
}

/**
 * Whether a pattern matches a path or one of its parent folders: "a submission is matched if either
 * itself or a parent directory is matched", "a test case is matched by the glob pattern if either
 * itself or any of its parent test data groups is matched by it".
 */
export function globMatchesOrParent(pattern: string, path: string): boolean {
  const parts = path.split('/');
  return parts.some((_, i) => globMatches(pattern, parts.slice(0, i + 1).join('/')));
}

function toRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}
