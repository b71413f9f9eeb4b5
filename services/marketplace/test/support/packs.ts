/** Real packs for tests: `duet-pack init`'s scaffold, changed as a test needs, as a real tarball. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createPackTarball, loadPack, scaffoldPack, type PackTarball } from '@duet/sdk/pack';

export const PROBLEM = 'max-subarray';

export interface PackOptions {
  name: string;
  version?: string;
  title?: string;
  /** Edits to the folder before packing: relative path → new content (null deletes). */
  files?: Record<string, string | null>;
  /** Called with the folder before packing. */
  edit?: (dir: string) => Promise<void>;
}

/** A scaffolded pack folder: under `parent` (which the caller removes), or removed when the test finishes. */
export async function packFolder(options: PackOptions, parent?: string): Promise<string> {
  const root = await mkdtemp(join(parent ?? tmpdir(), 'market-pack-'));
  if (!parent) onTestFinished(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'pack');
  await scaffoldPack(dir, { name: options.name, ...(options.title ? { title: options.title } : {}) });
  const yamlPath = join(dir, 'pack.yaml');
  let yaml = await readFile(yamlPath, 'utf8');
  if (options.version) yaml = yaml.replace(/^version: .*$/m, `version: ${options.version}`);
  await writeFile(yamlPath, yaml);
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    const target = join(dir, rel);
    if (content === null) await rm(target, { force: true });
    else await writeFile(target, content);
  }
  await options.edit?.(dir);
  return dir;
}

export async function packTarball(options: PackOptions, parent?: string): Promise<PackTarball> {
  return createPackTarball(await loadPack(await packFolder(options, parent)));
}

export interface ProblemMeta {
  difficulty?: 'easy' | 'medium' | 'hard';
  tags?: string[];
  title?: string;
  statement?: string;
}

/** Rewrites the example problem's difficulty, tags, title or statement in a pack folder. */
export async function setProblemMeta(dir: string, meta: ProblemMeta): Promise<void> {
  const problem = join(dir, 'problems', PROBLEM);
  const duetPath = join(problem, 'duet.yaml');
  let duet = await readFile(duetPath, 'utf8');
  if (meta.difficulty) duet = duet.replace(/^difficulty: .*$/m, `difficulty: ${meta.difficulty}`);
  if (meta.tags) duet = duet.replace(/^tags: .*$/m, `tags: [${meta.tags.join(', ')}]`);
  await writeFile(duetPath, duet);
  if (meta.title) {
    const yamlPath = join(problem, 'problem.yaml');
    await writeFile(yamlPath, (await readFile(yamlPath, 'utf8')).replace(/^name: .*$/m, `name: ${meta.title}`));
  }
  if (meta.statement) await writeFile(join(problem, 'problem_statement', 'problem.en.md'), meta.statement);
}
