/**
 * The script-tag build's staff loader (it replaces load-staff.ts there): the module comes from
 * `script/duet-pad-staff.js` beside the script, built to use this script's copy of Yjs.
 */
import * as Y from 'yjs';

export type StaffModule = typeof import('./staff-module.js');

// Read while the script runs: `currentScript` is null afterwards.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
let loading: Promise<StaffModule> | undefined;

export function loadStaff(): Promise<StaffModule> {
  (globalThis as { __duetPadYjs?: typeof Y }).__duetPadYjs = Y;
  loading ??= import(/* @vite-ignore */ new URL('script/duet-pad-staff.js', scriptUrl).href) as Promise<StaffModule>;
  return loading;
}
