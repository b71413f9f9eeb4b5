import * as path from 'node:path';
import type { ValidatorLanguage } from '../judge/checker-spec.js';
import type { FsTree } from './fs-tree.js';
import type { OutputValidatorFiles } from './types.js';

const EXTENSIONS: Record<string, ValidatorLanguage> = { '.py': 'python', '.c': 'c', '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp' };

function languageOf(files: string[]): ValidatorLanguage | null {
  const langs = new Set(files.map((f) => EXTENSIONS[path.extname(f).toLowerCase()]).filter((l) => l !== undefined));
  // C++ validators often ship C headers; a C++ source makes the whole program C++.
  if (langs.has('cpp')) return 'cpp';
  if (langs.has('c')) return 'c';
  return langs.has('python') ? 'python' : null;
}

/**
 * The custom output validator: legacy `output_validators/<name>/` (a folder of sources) or a single
 * file `output_validators/<name>.py`; 2023-07+ `output_validator/` is the program folder itself.
 */
export async function findOutputValidator(tree: FsTree): Promise<OutputValidatorFiles | null> {
  if ((await tree.kind('output_validator')) === 'dir') return describe(tree, 'output_validator', null);
  if ((await tree.kind('output_validators')) !== 'dir') return null;
  const programs = await tree.list('output_validators');
  if (programs.length === 0) return null;
  if (programs.length > 1) {
    tree.issues.push({
      file: 'output_validators',
      message: `found ${programs.length} validators (${programs.join(', ')}): expected exactly one folder or file`,
    });
    return null;
  }
  const name = programs[0]!;
  const rel = `output_validators/${name}`;
  const kind = await tree.kind(rel);
  if (kind === 'dir') return describe(tree, rel, null);
  if (kind === 'file') return describe(tree, 'output_validators', [name]);
  return null;
}

async function describe(tree: FsTree, rel: string, only: string[] | null): Promise<OutputValidatorFiles | null> {
  const files = only ?? (await tree.walk(rel)).map((f) => f.slice(rel.length + 1));
  const language = languageOf(files);
  if (!language) {
    tree.issues.push({
      file: rel,
      message: 'unsupported output validator: expected Python (.py), C (.c) or C++ (.cc/.cpp/.cxx) sources',
    });
    return null;
  }
  return { dir: tree.abs(rel), language, files };
}
