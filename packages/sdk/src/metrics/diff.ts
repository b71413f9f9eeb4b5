/** Unified diffs between versions of the code (the `diff` package's Myers diff), with line counts. */
import { createTwoFilesPatch, structuredPatch } from 'diff';

export interface CodeDiff {
  from: string;
  to: string;
  /** A unified diff (`---`/`+++` headers, `@@` hunks); empty hunks when the code is the same. */
  unified: string;
  added: number;
  removed: number;
}

export function codeDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): CodeDiff {
  const patch = structuredPatch(labels.from, labels.to, before, after, '', '', { context });
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  return { from: labels.from, to: labels.to, unified: createTwoFilesPatch(labels.from, labels.to, before, after, '', '', { context }), added, removed };
}

export interface VersionedCode {
  label: string;
  code: string;
}

/** Diffs between consecutive versions (e.g. the code of each run), skipping versions equal to the previous. */
export function consecutiveDiffs(versions: readonly VersionedCode[], context = 3): CodeDiff[] {
  const out: CodeDiff[] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1]!;
    const b = versions[i]!;
    if (a.code !== b.code) out.push(codeDiff(a.code, b.code, { from: a.label, to: b.label }, context));
  }
  return out;
}
