/**
 * The script-tag build's editor loader (it replaces load-editor.ts there): one classic script
 * cannot split off chunks, so the editor comes from `script/duet-pad-editor.js` beside the script,
 * an ES module built to use this script's copy of Yjs (two copies in one page break Yjs).
 */
import * as Y from 'yjs';

export type EditorModule = typeof import('./editor-module.js');

// Read while the script runs: `currentScript` is null afterwards.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
let loading: Promise<EditorModule> | undefined;

export function loadEditor(): Promise<EditorModule> {
  (globalThis as { __duetPadYjs?: typeof Y }).__duetPadYjs = Y;
  loading ??= import(/* @vite-ignore */ new URL('script/duet-pad-editor.js', scriptUrl).href) as Promise<EditorModule>;
  return loading;
}
