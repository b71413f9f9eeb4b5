import { open } from 'node:fs/promises';
import type { FsTree } from './fs-tree.js';
import { SUBMISSION_EXPECTATIONS, type SubmissionExpectation, type SubmissionFile } from './types.js';

/** problemtools runs a `.py` with a python2 shebang as Python 2. */
const PYTHON2_SHEBANG = /^#!.*\bpython2/;

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
    // Other folders (slow_accepted, partially_accepted, brute_force, … from newer formats and other
    // tools) carry no expectation Duet checks: skip them, as problemtools does.
    if ((await tree.kind(rel)) !== 'dir' || !(SUBMISSION_EXPECTATIONS as readonly string[]).includes(category)) continue;
    for (const name of await tree.list(rel)) {
      const kind = await tree.kind(`${rel}/${name}`);
      if (!kind) continue;
      out.push({
        name: `${category}/${name}`,
        path: tree.abs(`${rel}/${name}`),
        expected: category as SubmissionExpectation,
        language: kind === 'file' && name.endsWith('.py') && !(await isPython2(tree.abs(`${rel}/${name}`))) ? 'python' : 'unsupported',
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

/** Kattis runs `.py` files whose shebang names python2 with Python 2, which Duet does not have. */
async function isPython2(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(128), 0, 128, 0);
    return PYTHON2_SHEBANG.test(buffer.subarray(0, bytesRead).toString('latin1').split('\n', 1)[0] ?? '');
  } finally {
    await handle.close();
  }
}
