import * as path from 'node:path';
import type { ValidatorLanguage } from '../judge/checker-spec.js';
import type { FsTree } from './fs-tree.js';
import type { FormatGeneration } from './problem-yaml.js';
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
 * The custom output validator. Legacy: `output_validators/<name>/` (a folder of sources) or a single
 * file `output_validators/<name>.py`. 2023-07+: "provide it as a program … in the directory
 * output_validator/", the program folder itself.
 */
export async function findOutputValidator(tree: FsTree, generation: FormatGeneration): Promise<OutputValidatorFiles | null> {
  if (generation !== 'legacy') {
    if ((await tree.kind('output_validators')) === 'dir') {
      tree.issues.push({ file: 'output_validators', message: `misnamed for ${generation}: expected the validator program in output_validator/ (singular)` });
    }
    return (await tree.kind('output_validator')) === 'dir' ? describe(tree, 'output_validator', null) : null;
  }
  if ((await tree.kind('output_validator')) === 'dir') {
    tree.warnings.push({ file: 'output_validator', message: 'ignored: legacy problems keep their validator in output_validators/<name>/' });
  }
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
  const scripts = files.filter((f) => f === 'build' || f === 'run');
  if (scripts.length) {
    tree.issues.push({
      file: `${rel}/${scripts[0]}`,
      message: "Duet's judge does not run build/run scripts: expected the validator as Python (.py), C (.c) or C++ (.cc/.cpp/.cxx) sources",
    });
    return null;
  }
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
