import type { FsTree } from './fs-tree.js';

const FOLDERS = ['problem_statement', 'statement'];

/**
 * The statement, preferring English Markdown: problem.en.md, problem.md, then any other language,
 * then the LaTeX variants, in problem_statement/ (legacy) or statement/ (2023-07+).
 */
export async function findStatement(tree: FsTree): Promise<string | null> {
  for (const ext of ['md', 'tex']) {
    for (const folder of FOLDERS) {
      const names = await tree.list(folder);
      const preferred = [`problem.en.${ext}`, `problem.${ext}`];
      const other = names.filter((n) => /^problem\.[a-z]{2,3}(-[A-Z]{2})?\./.test(n) && n.endsWith(`.${ext}`));
      for (const name of [...preferred, ...other]) {
        if ((await tree.kind(`${folder}/${name}`)) === 'file') return tree.abs(`${folder}/${name}`);
      }
    }
  }
  return null;
}
