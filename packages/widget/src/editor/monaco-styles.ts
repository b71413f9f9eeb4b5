/**
 * Monaco's stylesheet, once per document. The ESM sources import their CSS piecemeal (which a
 * library build would split off into a file the host page must link); the build empties those
 * imports and this module adds the one prebuilt stylesheet instead.
 */
import css from 'monaco-editor/min/vs/editor/editor.main.css?inline';

const MARK = 'data-duet-monaco-styles';

export function installMonacoStyles(document: Document): void {
  if (document.head.querySelector(`style[${MARK}]`)) return;
  const style = document.createElement('style');
  style.setAttribute(MARK, '');
  style.textContent = css;
  document.head.append(style);
}
