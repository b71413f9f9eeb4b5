import type { FsTree } from './fs-tree.js';
import type { FormatGeneration } from './problem-yaml.js';
import type { IncludedFiles } from './types.js';

/**
 * Included code: "Files that should be included for a specific language, overriding the default,
 * are provided in the non-empty directory include/<language>/" and "for all languages … in
 * include/default/" (2023-07+; legacy has only include/<language>/). Python 3's code is `python3`.
 */
export async function findIncludedFiles(tree: FsTree, generation: FormatGeneration): Promise<IncludedFiles | null> {
  if ((await tree.kind('include/python')) === 'dir') {
    tree.warnings.push({ file: 'include/python', message: 'ignored: not a language code of the spec; Python 3 files go in include/python3/' });
  }
  const folders = generation === 'legacy' ? ['include/python3'] : ['include/python3', 'include/default'];
  for (const folder of folders) {
    if ((await tree.kind(folder)) !== 'dir') continue;
    const files = (await tree.walk(folder)).map((f) => f.slice(folder.length + 1));
    if (files.length === 0) continue;
    // The judge installs .py files as importable modules; other files never reach the sandbox.
    for (const file of files.filter((f) => !f.endsWith('.py'))) {
      tree.warnings.push({ file: `${folder}/${file}`, message: "not added to submissions: Duet's judge includes only .py files (importable modules)" });
    }
    const python = files.filter((f) => f.endsWith('.py'));
    return python.length ? { dir: tree.abs(folder), files: python } : null;
  }
  return null;
}
