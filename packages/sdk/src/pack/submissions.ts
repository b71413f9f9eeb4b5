import type { FsTree } from './fs-tree.js';
import { SUBMISSION_EXPECTATIONS, type SubmissionExpectation, type SubmissionFile } from './types.js';

/** Kattis categories Duet does not judge (scoring, 2023-07 `rejected`): loaded as absent, not errors. */
const IGNORED_CATEGORIES = new Set(['partially_accepted', 'rejected', 'brute_force']);

/**
 * submissions/<expected verdict>/<file or folder>. Every submission is listed; only single-file
 * Python ones are runnable by Duet, the rest are marked unsupported (Kattis allows any language).
 */
export async function collectSubmissions(tree: FsTree): Promise<SubmissionFile[]> {
  const out: SubmissionFile[] = [];
  if ((await tree.kind('submissions')) !== 'dir') {
    tree.issues.push({ file: 'submissions', message: 'missing folder: expected at least one submission in submissions/accepted/' });
    return out;
  }
  for (const category of await tree.list('submissions')) {
    const rel = `submissions/${category}`;
    if ((await tree.kind(rel)) !== 'dir' || IGNORED_CATEGORIES.has(category)) continue;
    if (!(SUBMISSION_EXPECTATIONS as readonly string[]).includes(category)) {
      tree.issues.push({ file: rel, message: `unknown submission folder: expected one of ${SUBMISSION_EXPECTATIONS.join(', ')}` });
      continue;
    }
    for (const name of await tree.list(rel)) {
      const kind = await tree.kind(`${rel}/${name}`);
      if (!kind) continue;
      out.push({
        name: `${category}/${name}`,
        path: tree.abs(`${rel}/${name}`),
        expected: category as SubmissionExpectation,
        language: kind === 'file' && name.endsWith('.py') ? 'python' : 'unsupported',
      });
    }
  }
  if (!out.some((s) => s.expected === 'accepted')) {
    tree.issues.push({
      file: 'submissions/accepted',
      message: 'no accepted submission: expected at least one (it proves the tests solvable and sets the time limit)',
    });
  }
  return out;
}
