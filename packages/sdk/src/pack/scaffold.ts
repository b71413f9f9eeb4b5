import { mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PackError, PackValidationError } from './errors.js';
import { packYamlSchema } from './pack-yaml.js';
import { scaffoldFiles } from './scaffold-template.js';
import { packErrorMap } from './zod-issues.js';

export interface ScaffoldOptions {
  /** `@scope/name`; defaults to `@my-org/<folder name>`. */
  name?: string;
  title?: string;
}

/** Lowercase-dashed form of a folder name: `My Pack_2` → `my-pack-2`. */
export function toSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Write a minimal valid pack (one example function problem) into a new or empty folder. */
export async function scaffoldPack(dir: string, options: ScaffoldOptions = {}): Promise<{ dir: string; files: string[] }> {
  const root = path.resolve(dir);
  const name = options.name ?? `@my-org/${toSlug(path.basename(root)) || 'pack'}`;
  const checked = packYamlSchema.shape.name.safeParse(name, { error: packErrorMap, reportInput: true });
  if (!checked.success) {
    throw new PackValidationError([{ file: 'pack.yaml', field: 'name', message: checked.error.issues[0]?.message ?? 'invalid name' }], 'pack name');
  }
  const existing = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new PackError('PACK_DIR_NOT_EMPTY', `${root} is a file: expected a new or empty folder for the pack`);
    throw error;
  });
  if (existing.length) {
    throw new PackError('PACK_DIR_NOT_EMPTY', `${root} is not empty (${existing.length} entries): expected a new or empty folder for the pack`);
  }
  const files = scaffoldFiles(name, options.title ?? 'My problem pack');
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
  }
  return { dir: root, files: Object.keys(files).sort() };
}
