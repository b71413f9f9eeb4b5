import { PackValidationError, prefixIssues, type PackIssue } from './errors.js';
import { FsTree } from './fs-tree.js';
import { inspectProblem } from './load-problem.js';
import { packYamlSchema, PROBLEM_ID_PATTERN, type PackManifest } from './pack-yaml.js';
import type { LoadedPack, LoadedProblem } from './types.js';
import { parseYamlWith } from './yaml-source.js';

export interface PackValidation {
  ok: boolean;
  issues: PackIssue[];
  /** Worth the author's attention, but the pack is valid with them (paths relative to the pack). */
  warnings: PackIssue[];
  pack?: LoadedPack;
}

/** Validate a pack folder and collect every issue (paths relative to the pack); never throws for user mistakes. */
export async function validatePack(dir: string): Promise<PackValidation> {
  const tree = await FsTree.open(dir);
  if ((await tree.kind('')) !== 'dir') {
    return { ok: false, issues: [{ file: '.', message: 'missing folder: expected a pack folder with pack.yaml' }], warnings: [] };
  }
  const { issues, warnings } = tree;
  let manifest: PackManifest | undefined;
  let listed: Array<[number, string]> = [];
  let rawManifest: unknown;
  if ((await tree.kind('pack.yaml')) !== 'file') {
    issues.push({ file: 'pack.yaml', message: 'missing: expected pack.yaml with name, version, title and problems' });
  } else {
    const text = await tree.read('pack.yaml');
    if (text !== null) {
      const parsed = parseYamlWith(text, 'pack.yaml', packYamlSchema);
      issues.push(...parsed.issues);
      manifest = parsed.data;
      rawManifest = parsed.raw;
      // Even when pack.yaml has other mistakes, check the problems it lists: all issues in one pass.
      listed = manifest ? [...manifest.problems.entries()] : listedIds(parsed.raw);
    }
  }

  const problems: LoadedProblem[] = [];
  const seen = new Map<string, number>();
  for (const [index, id] of listed) {
    const field = `problems.${index}`;
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({ file: 'pack.yaml', field, message: `duplicate problem id "${id}" (already listed as problems.${first})` });
      continue;
    }
    seen.set(id, index);
    if ((await tree.kind(`problems/${id}`)) !== 'dir') {
      issues.push({ file: 'pack.yaml', field, message: `lists "${id}", but the folder problems/${id}/ does not exist` });
      continue;
    }
    const result = await inspectProblem(tree.abs(`problems/${id}`), { id, requireDuetYaml: true });
    issues.push(...prefixIssues(`problems/${id}`, result.issues));
    warnings.push(...prefixIssues(`problems/${id}`, result.warnings));
    if (result.problem) problems.push(result.problem);
  }

  // Without a readable problems list every folder would look unlisted; that is noise, not news.
  const haveList = Array.isArray((rawManifest as { problems?: unknown } | undefined)?.problems);
  for (const name of haveList ? await tree.list('problems') : []) {
    if (!seen.has(name) && (await tree.kind(`problems/${name}`)) === 'dir') {
      issues.push({ file: `problems/${name}`, message: `not listed in pack.yaml: add "${name}" to problems, or remove the folder` });
    }
  }

  if (issues.length || !manifest) return { ok: false, issues, warnings };
  return { ok: true, issues: [], warnings, pack: { dir: tree.root, manifest, problems, warnings } };
}

/** Load a pack; throws PackValidationError listing every issue. */
export async function loadPack(dir: string): Promise<LoadedPack> {
  const result = await validatePack(dir);
  if (!result.pack) throw new PackValidationError(result.issues, 'pack');
  return result.pack;
}

/** The well-formed ids of a pack.yaml that failed validation, with their positions in the list. */
function listedIds(raw: unknown): Array<[number, string]> {
  const list = (raw as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(list)) return [];
  return [...list.entries()].filter((e): e is [number, string] => typeof e[1] === 'string' && PROBLEM_ID_PATTERN.test(e[1]));
}
