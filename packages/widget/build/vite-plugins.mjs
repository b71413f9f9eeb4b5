// Vite plugins shared by the widget's builds.

/**
 * Monaco's ESM sources import their CSS file by file; the editor adds Monaco's one prebuilt
 * stylesheet itself (src/editor/monaco-styles.ts), so those imports become empty modules.
 */
export function monacoCssAsNothing() {
  return {
    name: 'duet-monaco-css-as-nothing',
    enforce: 'pre',
    load(id) {
      if (/monaco-editor[\\/]esm[\\/].*\.css$/.test(id)) return '';
    },
  };
}

/**
 * For the script-tag build's editor module: `yjs` is the copy the script already loaded (it sets
 * `globalThis.__duetPadYjs`), re-exported under every name Yjs exports.
 */
export function yjsFromHostScript() {
  const id = '\0duet-yjs-from-host';
  return {
    name: 'duet-yjs-from-host',
    enforce: 'pre',
    resolveId(source) {
      if (source === 'yjs') return id;
    },
    async load(loaded) {
      if (loaded !== id) return;
      const names = Object.keys(await import('yjs')).filter((name) => name !== 'default');
      return `const Y = globalThis.__duetPadYjs;\nif (!Y) throw new Error('duet-pad: load the editor through duet-pad.global.js');\n${names.map((n) => `export const ${n} = Y.${n};`).join('\n')}\n`;
    },
  };
}
