import { readFile } from 'node:fs/promises';
import { substituteConstants, substituteLatexConstants } from './constants.js';
import type { FsTree } from './fs-tree.js';
import type { LoadedProblem } from './types.js';

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

/**
 * The statement's text as a reader sees it: constants replaced ({{name}} in Markdown, \constant{name}
 * in LaTeX). Null when the problem has no Markdown or LaTeX statement.
 */
export async function readStatement(problem: Pick<LoadedProblem, 'statementPath' | 'constants'>): Promise<{ path: string; format: 'markdown' | 'latex'; text: string } | null> {
  const file = problem.statementPath;
  if (!file) return null;
  const text = await readFile(file, 'utf8');
  return file.endsWith('.md')
    ? { path: file, format: 'markdown', text: substituteConstants(text, problem.constants) }
    : { path: file, format: 'latex', text: substituteLatexConstants(text, problem.constants) };
}
