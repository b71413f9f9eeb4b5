import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Every module an entry reaches, following relative imports through the TypeScript sources. */
export async function reachable(entry: string): Promise<{ modules: Set<string>; external: Map<string, string> }> {
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
