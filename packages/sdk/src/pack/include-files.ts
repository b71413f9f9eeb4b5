import { readFile } from 'node:fs/promises';
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
    // The judge makes .py files importable and puts the others in the working directory; a run
    // bundle carries text, so a file that is not UTF-8 cannot go with it.
    const text: string[] = [];
    for (const file of files) {
      if (isUtf8(await readFile(tree.abs(`${folder}/${file}`)))) text.push(file);
      else tree.warnings.push({ file: `${folder}/${file}`, message: "not added to submissions: Duet's judge includes text (UTF-8) files only" });
    }
    return text.length ? { dir: tree.abs(folder), files: text } : null;
  }
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
