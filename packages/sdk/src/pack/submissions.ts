import { open } from 'node:fs/promises';
import type { FsTree } from './fs-tree.js';
import { globMatchesOrParent } from './glob.js';
import type { FormatGeneration } from './problem-yaml.js';
import { judgedCategory, requirementsFor } from './submission-rules.js';
import { submissionsYamlSchema, type SubmissionsYaml } from './submissions-yaml.js';
import type { SubmissionFile, TestCaseFiles } from './types.js';
import { parseYamlWith } from './yaml-source.js';

/** problemtools runs a legacy `.py` with a python2 shebang as Python 2. */
const PYTHON2_SHEBANG = /^#!.*\bpython2/;
/** File endings of the other languages in the spec's languages table: a submission with one is not Python. */
const OTHER_LANGUAGES = new Set(
  ('.adb .ads .a68 .apl .sh .c .cob .cc .cpp .cxx .c++ .C .cr .cs .d .dart .ex .erl .fth .4th .forth .frt .f90 .fs ' +
    '.ss .go .hs .java .js .jl .kt .lisp .cl .lua .mod .def .nim .m .ml .odin .pas .pm .pl .py2 .rkt .rb .rs .scala ' +
    '.sim .st .sno .swift .ts .vb .zig').split(' '),
);
const SUBMISSIONS_YAML = 'submissions/submissions.yaml';

/**
 * submissions/<folder>/<file or folder>, each with what it must do on the tests. Legacy judges the
 * folders of its table (others are skipped, as problemtools does); 2023-07+ judges every folder, with
 * the requirements of `submissions/submissions.yaml`. Every submission is listed; Python 3 ones
 * (one file, or a folder of .py files) are runnable, the rest are marked unsupported.
 */
export async function collectSubmissions(tree: FsTree, generation: FormatGeneration, tests: readonly TestCaseFiles[]): Promise<SubmissionFile[]> {
  const out: SubmissionFile[] = [];
  if ((await tree.kind('submissions')) !== 'dir') {
    tree.issues.push({ file: 'submissions', message: 'missing folder: expected at least one submission in submissions/accepted/' });
    return out;
  }
  const yaml = await readSubmissionsYaml(tree, generation);
  for (const category of await tree.list('submissions')) {
    const rel = `submissions/${category}`;
    if ((await tree.kind(rel)) !== 'dir' || !judgedCategory(generation, category)) continue;
    for (const file of await tree.list(rel)) {
      const kind = await tree.kind(`${rel}/${file}`);
      if (!kind) continue;
      const name = `${category}/${file}`;
      const meta = metadataFor(yaml, name);
      const submission: SubmissionFile = {
        name,
        path: tree.abs(`${rel}/${file}`),
        category,
        language: await languageOf(tree, `${rel}/${file}`, generation, meta.language),
        requirements: requirementsFor(generation, name, category, yaml),
      };
      if (meta.entrypoint !== undefined) submission.entrypoint = meta.entrypoint;
      out.push(submission);
    }
  }
  if (!out.some((s) => s.category === 'accepted')) {
    tree.issues.push({
      file: 'submissions/accepted',
      message: 'no accepted submission: expected at least one (it proves the tests solvable and sets the time limit)',
    });
  }
  if (yaml) warnUnmatchedGlobs(tree, yaml, out, tests);
  return out;
}

async function readSubmissionsYaml(tree: FsTree, generation: FormatGeneration): Promise<SubmissionsYaml | undefined> {
  if ((await tree.kind(SUBMISSIONS_YAML)) !== 'file') return undefined;
  if (generation === 'legacy') {
    tree.warnings.push({ file: SUBMISSIONS_YAML, message: 'ignored: legacy problems judge submissions by folder (submissions.yaml is 2023-07 and later)' });
    return undefined;
  }
  const text = await tree.read(SUBMISSIONS_YAML);
  if (text === null) return undefined;
  const { data, issues } = parseYamlWith(text, SUBMISSIONS_YAML, submissionsYamlSchema);
  tree.issues.push(...issues);
  return data;
}

/** `language` and `entrypoint` of the matching globs, later keys winning. */
function metadataFor(yaml: SubmissionsYaml | undefined, name: string): { language?: string; entrypoint?: string } {
  const meta: { language?: string; entrypoint?: string } = {};
  for (const [glob, entry] of Object.entries(yaml ?? {})) {
    if (!globMatchesOrParent(glob, name)) continue;
    if (entry.language !== undefined) meta.language = entry.language;
    if (entry.entrypoint !== undefined) meta.entrypoint = entry.entrypoint;
  }
  return meta;
}

/**
 * "The language of a submission program is determined by the `language` key in `submissions.yaml`
 * if present; otherwise, by comparing the file extensions of the submission file(s)". Python 3 is
 * `.py` (and `.py3` from 2023-07); legacy reads a python2 shebang as Python 2.
 */
async function languageOf(tree: FsTree, rel: string, generation: FormatGeneration, declared: string | undefined): Promise<SubmissionFile['language']> {
  if (declared !== undefined) return declared === 'python3' ? 'python' : 'unsupported';
  const files = (await tree.kind(rel)) === 'file' ? [rel] : await tree.walk(rel);
  const extension = (file: string) => /\.[^./]+$/.exec(file)?.[0] ?? '';
  const python = files.filter((f) => extension(f) === '.py' || (generation !== 'legacy' && extension(f) === '.py3'));
  if (python.length === 0 || files.some((f) => OTHER_LANGUAGES.has(extension(f)))) return 'unsupported';
  if (generation === 'legacy') {
    for (const file of python) if (await isPython2(tree.abs(file))) return 'unsupported';
  }
  return 'python';
}

async function isPython2(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(128), 0, 128, 0);
    return PYTHON2_SHEBANG.test(buffer.subarray(0, bytesRead).toString('latin1').split('\n', 1)[0] ?? '');
  } finally {
    await handle.close();
  }
}

/** A glob that matches nothing is most likely a typo: say so rather than silently check nothing. */
function warnUnmatchedGlobs(tree: FsTree, yaml: SubmissionsYaml, submissions: readonly SubmissionFile[], tests: readonly TestCaseFiles[]): void {
  for (const [glob, entry] of Object.entries(yaml)) {
    if (!submissions.some((s) => globMatchesOrParent(glob, s.name))) {
      tree.warnings.push({ file: SUBMISSIONS_YAML, field: glob, message: 'matches no submission' });
    }
    for (const rule of entry.rules) {
      if (rule.tests !== undefined && !tests.some((t) => globMatchesOrParent(rule.tests!, t.name))) {
        tree.warnings.push({ file: SUBMISSIONS_YAML, field: `${glob}.${rule.tests}`, message: 'matches no test case' });
      }
    }
  }
}
