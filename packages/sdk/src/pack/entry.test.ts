import * as path from 'node:path';
import { expect, test } from 'vitest';
import { reachable } from '../../test/module-graph.js';
import * as root from '../index.js';
import * as pack from './index.js';

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
