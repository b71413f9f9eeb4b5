/** Loads the editor module on demand: Monaco is most of the widget's weight and never blocks first paint. */
export type EditorModule = typeof import('./editor-module.js');

let loading: Promise<EditorModule> | undefined;

export function loadEditor(): Promise<EditorModule> {
  loading ??= import('./editor-module.js');
  return loading;
}
