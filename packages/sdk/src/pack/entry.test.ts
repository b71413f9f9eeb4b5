import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import * as root from '../index.js';
import * as pack from './index.js';

/** Every module the root entry reaches, following relative imports through the TypeScript sources. */
async function reachable(entry: string): Promise<{ modules: Set<string>; external: Map<string, string> }> {
  const modules = new Set<string>();
  const external = new Map<string, string>();
  const visit = async (file: string): Promise<void> => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = await readFile(file, 'utf8');
    for (const [, spec] of source.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      if (spec!.startsWith('.')) await visit(path.resolve(path.dirname(file), spec!.replace(/\.js$/, '.ts')));
      else external.set(spec!, file);
    }
  };
  await visit(entry);
  return { modules, external };
}

test('the root entry is browser-safe: no Node built-ins, no loader', async () => {
  const { modules, external } = await reachable(path.resolve(import.meta.dirname, '../index.ts'));
  expect(modules.size).toBeGreaterThan(15); // the walk really followed the imports
  expect(external.has('zod')).toBe(true);
  const nodeImports = [...external].filter(([spec]) => spec.startsWith('node:'));
  expect(nodeImports).toEqual([]);
  expect([...modules].some((m) => m.endsWith('load-pack.ts'))).toBe(false);
  expect(Object.keys(root)).not.toContain('loadPack');
  expect(Object.keys(root)).toEqual(expect.arrayContaining(['packYamlSchema', 'problemYamlSchema', 'duetYamlSchema', 'PackValidationError', 'runVerdict']));
});

test('@duet/sdk/pack exposes the loader and helpers', () => {
  for (const name of ['loadPack', 'loadProblem', 'validatePack', 'checkerSpecFor', 'readTestData', 'scaffoldPack', 'importKattisProblem', 'parseValidatorFlags']) {
    expect(typeof (pack as Record<string, unknown>)[name]).toBe('function');
  }
});
