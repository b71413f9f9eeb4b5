#!/usr/bin/env node
// Builds @duet/widget: the ESM library (for bundlers), the self-contained script for a <script> tag
// (plus the editor module it loads lazily), the type declarations and custom-elements.json; then
// prints the initial script's gzip size and fails over the 80 KB budget (Monaco excluded: it loads
// after first paint).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { monacoCssAsNothing, yjsFromHostScript } from './vite-plugins.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const BUDGET_BYTES = 80 * 1024;
const src = (path) => join(ROOT, 'src', path);
const common = { root: ROOT, configFile: false, logLevel: 'warn', plugins: [monacoCssAsNothing()] };

rmSync(DIST, { recursive: true, force: true });

// 1. ESM for bundlers: the entry, with the editor (Monaco) in lazily imported chunks.
const esm = await build({
  ...common,
  build: {
    outDir: DIST,
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    lib: { entry: src('index.ts'), formats: ['es'], fileName: () => 'duet-pad.js' },
    // Vite leaves whitespace in ES library output (for consumers' tree-shaking); the chunks are
    // loaded by browsers as they are, so minify them fully (the initial ESM: 52 → 47 KB gzip).
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true } },
  },
});

// 2. One classic script: everything but the editor, which it imports from script/ beside it.
await build({
  ...common,
  resolve: {
    alias: [
      { find: /^\.\.\/editor\/load-editor\.js$/, replacement: src('editor/load-editor.script-tag.ts') },
      { find: /^\.\.\/staff\/load-staff\.js$/, replacement: src('staff/load-staff.script-tag.ts') },
    ],
  },
  build: {
    outDir: DIST,
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    lib: { entry: src('index.ts'), formats: ['iife'], name: 'DuetWidget', fileName: () => 'duet-pad.global.js' },
  },
});

// 3. The script's editor and staff modules, on the script's copy of Yjs.
await build({
  ...common,
  plugins: [...common.plugins, yjsFromHostScript()],
  build: {
    outDir: join(DIST, 'script'),
    emptyOutDir: false,
    minify: true,
    // The staff module (signals pane, replay) loads only for interviewers and observers.
    lib: { entry: { 'duet-pad-editor': src('editor/editor-module.ts'), 'duet-pad-staff': src('staff/staff-module.ts') }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    // Vite leaves whitespace in ES library output (for consumers' tree-shaking); the chunks are
    // loaded by browsers as they are, so minify them fully (the initial ESM: 52 → 47 KB gzip).
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true } },
  },
});

// Types and the custom elements manifest.
execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
execFileSync('npx', ['cem', 'analyze', '--quiet'], { cwd: ROOT, stdio: 'inherit' });

// The budget: what a page loads before the editor.
const gz = (file) => gzipSync(readFileSync(join(DIST, file))).length;
const outputs = [esm].flat().flatMap((r) => r.output);
const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
const initialEsm = [entry.fileName, ...staticImports(entry, outputs)];
const sizes = {
  'duet-pad.global.js (script tag, initial)': gz('duet-pad.global.js'),
  'duet-pad.js + static chunks (ESM, initial)': initialEsm.reduce((sum, file) => sum + gz(file), 0),
};
const editorGz = outputs.filter((o) => o.type === 'chunk' && !initialEsm.includes(o.fileName)).reduce((sum, o) => sum + gz(o.fileName), 0);
for (const [name, bytes] of Object.entries(sizes)) console.log(`${name}: ${(bytes / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);
console.log(`loaded after first paint (the editor: Monaco, y-monaco; the statement renderer; the staff module): ${(editorGz / 1024).toFixed(1)} KB gzip`);
const staffChunk = outputs.find((o) => o.type === 'chunk' && o.facadeModuleId?.endsWith('staff-module.ts'));
if (staffChunk) console.log(`of which the staff module (signals pane, replay scrubber; interviewers and observers only): ${(gz(staffChunk.fileName) / 1024).toFixed(1)} KB gzip`);
const over = Object.entries(sizes).filter(([, bytes]) => bytes > BUDGET_BYTES);
if (over.length) {
  console.error(`over budget: ${over.map(([name]) => name).join(', ')}`);
  process.exit(1);
}

function staticImports(chunk, all, seen = new Set()) {
  for (const file of chunk.imports) {
    if (seen.has(file)) continue;
    seen.add(file);
    const next = all.find((o) => o.fileName === file);
    if (next) staticImports(next, all, seen);
  }
  return [...seen];
}
