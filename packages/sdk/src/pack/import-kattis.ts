import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isSeq } from 'yaml';
import { PackError, PackValidationError } from './errors.js';
import { inspectProblem, loadProblem } from './load-problem.js';
import { PROBLEM_ID_PATTERN } from './pack-yaml.js';
import { toSlug } from './scaffold.js';
import type { LoadedProblem } from './types.js';
import { appendToTopLevelSequence } from './yaml-append.js';
import { parseYaml } from './yaml-source.js';

export interface ImportKattisOptions {
  /** Problem id in the pack; defaults to the folder name, lowercase-dashed. */
  id?: string;
}

const DEFAULT_DUET_YAML = `# Duet's additions to this Kattis problem (see the pack format docs).
interface: {type: stdio}
checker: default          # follow problem.yaml: the Kattis default validator or its custom output validator
`;

/**
 * Copy a Kattis problem package unchanged into packDir/problems/<id>/, add a default duet.yaml
 * when it has none, and append the id to pack.yaml (comments and layout preserved). Validates
 * first; on any failure nothing in the pack changes.
 */
export async function importKattisProblem(
  problemDir: string,
  packDir: string,
  options: ImportKattisOptions = {},
): Promise<LoadedProblem> {
  const source = path.resolve(problemDir);
  const pack = path.resolve(packDir);
  const id = options.id ?? toSlug(path.basename(source));
  if (!PROBLEM_ID_PATTERN.test(id)) {
    throw new PackValidationError([
      { file: 'pack.yaml', field: 'problems', message: `cannot add "${id}": expected a problem id of lowercase letters, digits and dashes (pass one)` },
    ]);
  }
  await loadProblem(source, { id });

  const manifestPath = path.join(pack, 'pack.yaml');
  const manifestText = await readFile(manifestPath, 'utf8').catch(() => null);
  if (manifestText === null) {
    throw new PackValidationError([{ file: 'pack.yaml', message: 'missing: expected a pack folder with pack.yaml (create one with duet-pack init)' }]);
  }
  const parsed = parseYaml(manifestText, 'pack.yaml');
  if (parsed.issues.length) throw new PackValidationError(parsed.issues);
  const problems = parsed.doc.get('problems', true);
  if (!isSeq(problems)) {
    throw new PackValidationError([{ file: 'pack.yaml', field: 'problems', message: 'expected a list of problem ids to append to' }]);
  }
  if (problems.items.some((item) => String((item as { value?: unknown }).value ?? item) === id)) {
    throw new PackError('PACK_CONFLICT', `pack.yaml already lists a problem "${id}": pass a different id`);
  }
  const target = path.join(pack, 'problems', id);
  if (await stat(target).catch(() => null)) {
    throw new PackError('PACK_CONFLICT', `problems/${id} already exists in the pack: pass a different id or remove it`);
  }
  const newManifest = appendToTopLevelSequence(manifestText, parsed.doc, 'problems', id);

  // Stage everything inside the pack (same filesystem), then move into place with renames.
  const nonce = randomBytes(6).toString('hex');
  const staging = path.join(pack, `.import-${id}-${nonce}`);
  const stagedManifest = path.join(pack, `.pack.yaml.${nonce}`);
  let moved = false;
  let createdProblemsDir: string | undefined;
  try {
    // Symlinks were checked to stay inside the problem; copying their targets keeps the copy
    // self-contained (an absolute link into the source folder would dangle after a move).
    await cp(source, staging, { recursive: true, errorOnExist: true, force: false, dereference: true });
    const duetYaml = path.join(staging, 'duet.yaml');
    if (!(await stat(duetYaml).catch(() => null))) await writeFile(duetYaml, DEFAULT_DUET_YAML, { flag: 'wx' });
    // Check the copy as the pack will see it (duet.yaml included) before anything moves into place.
    const staged = await inspectProblem(staging, { id, requireDuetYaml: true });
    if (!staged.problem) throw new PackValidationError(staged.issues, `problem ${id}`);
    await writeFile(stagedManifest, newManifest, { flag: 'wx' });
    createdProblemsDir = await mkdir(path.join(pack, 'problems'), { recursive: true });
    await rename(staging, target);
    moved = true;
    await rename(stagedManifest, manifestPath);
  } catch (error) {
    if (moved) await rm(target, { recursive: true, force: true });
    if (createdProblemsDir) await rm(createdProblemsDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(stagedManifest, { force: true });
  }
  return loadProblem(target, { id, requireDuetYaml: true });
}
