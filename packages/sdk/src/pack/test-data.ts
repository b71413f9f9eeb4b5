import type { ProblemInterface } from './duet-yaml.js';
import type { FsTree } from './fs-tree.js';
import type { TestCaseFiles, TestGroup } from './types.js';

const GROUPS: TestGroup[] = ['sample', 'secret'];

/**
 * Pair data/{sample,secret}/**\/*.in with *.ans by path (subfolders are test groups), sorted by
 * path as Kattis does. Unpaired files, a missing data/secret and malformed function-interface
 * data are reported on the tree.
 */
export async function collectTests(tree: FsTree, iface: ProblemInterface | undefined): Promise<TestCaseFiles[]> {
  if ((await tree.kind('data')) !== 'dir') {
    tree.issues.push({ file: 'data', message: 'missing folder: expected data/secret/ (hidden tests) and optionally data/sample/' });
    return [];
  }
  const tests: TestCaseFiles[] = [];
  for (const group of GROUPS) {
    const root = `data/${group}`;
    if ((await tree.kind(root)) !== 'dir') {
      if (group === 'secret') {
        tree.issues.push({ file: root, message: 'missing folder: expected hidden tests as data/secret/*.in with matching .ans files' });
      }
      continue;
    }
    const files = new Set(await tree.walk(root));
    const found: TestCaseFiles[] = [];
    for (const file of files) {
      if (file.endsWith('.in')) {
        const base = file.slice(0, -'.in'.length);
        if (!files.has(`${base}.ans`)) {
          tree.issues.push({ file, message: `no answer file: expected ${base}.ans beside it` });
          continue;
        }
        found.push({ name: base.slice('data/'.length), group, inputPath: tree.abs(file), answerPath: tree.abs(`${base}.ans`) });
      } else if (file.endsWith('.ans') && !files.has(`${file.slice(0, -'.ans'.length)}.in`)) {
        tree.issues.push({ file, message: `no input file: expected ${file.slice(0, -'.ans'.length)}.in beside it` });
      }
    }
    if (group === 'secret' && found.length === 0) {
      tree.issues.push({ file: root, message: 'no tests: expected at least one .in file with a matching .ans file' });
    }
    tests.push(...found);
  }
  if (iface?.type === 'function') await checkFunctionData(tree, tests, iface.params.length);
  return tests;
}

/** Function problems: each .in is a JSON array of the positional arguments, each .ans JSON. */
async function checkFunctionData(tree: FsTree, tests: TestCaseFiles[], arity: number): Promise<void> {
  for (const test of tests) {
    const inFile = `data/${test.name}.in`;
    const input = await tree.read(inFile);
    if (input !== null) {
      const parsed = parseJson(input);
      if (!parsed.ok) {
        tree.issues.push({ file: inFile, message: `expected a JSON array of the ${arity} argument(s), but it is not JSON (${parsed.error})` });
      } else if (!Array.isArray(parsed.value)) {
        tree.issues.push({ file: inFile, message: `expected a JSON array of the ${arity} argument(s), got a JSON ${jsonKind(parsed.value)}` });
      } else if (parsed.value.length !== arity) {
        tree.issues.push({ file: inFile, message: `expected ${arity} argument(s) as duet.yaml interface.params says, got ${parsed.value.length}` });
      }
    }
    const ansFile = `data/${test.name}.ans`;
    const answer = await tree.read(ansFile);
    if (answer !== null) {
      const parsed = parseJson(answer);
      if (!parsed.ok) tree.issues.push({ file: ansFile, message: `expected the JSON return value, but it is not JSON (${parsed.error})` });
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
