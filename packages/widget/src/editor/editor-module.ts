/**
 * The editor, loaded lazily (`load-editor.ts`): Monaco with the y-monaco binding on the room's
 * `code` text. Monaco lives in the element's light DOM (see pad.component.ts), so the styles it
 * injects into document.head reach it and caret placement and selection work as on any page.
 */
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/python/python.contribution.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { MonacoBinding } from 'y-monaco';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { installMonacoStyles } from './monaco-styles.js';
import { startProctorCapture } from './proctor-capture.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker&inline';

export interface CodeEditorOptions {
  text: Y.Text;
  awareness: Awareness | null;
  readOnly: boolean;
  theme: 'light' | 'dark';
  ariaLabel: string;
}

export interface CodeEditor {
  readonly monaco: monaco.editor.IStandaloneCodeEditor;
  setTheme(theme: 'light' | 'dark'): void;
  setReadOnly(readOnly: boolean): void;
  /** Starts proctor-lite capture into the room's `events` as `user` (docs/room-protocol.md §7); returns its stop. */
  captureSignals(options: { events: Y.Array<unknown>; user: string; typingWindowMs?: number }): () => void;
  destroy(): void;
}

// Monaco's editor worker (word suggestions, diffs, links), inlined as a blob: a worker script from
// another origin (the widget on a CDN) would be refused.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment ??= { getWorker: () => new EditorWorker() };

export function createCodeEditor(host: HTMLElement, options: CodeEditorOptions): CodeEditor {
  installMonacoStyles(host.ownerDocument);
  const model = monaco.editor.createModel('', 'python');
  // The room's text is LF only (room protocol §2): the model turns typed and pasted CRLF into LF.
  // (A foreign client that broke the rule and inserted CR would desynchronise model and text:
  // y-monaco#27; our clients never do.)
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  const editor = monaco.editor.create(host, {
    model,
    theme: monacoTheme(options.theme),
    readOnly: options.readOnly,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    ariaLabel: options.ariaLabel,
    tabSize: 4,
    insertSpaces: true,
  });
  const binding = new MonacoBinding(options.text, model, new Set([editor]), options.awareness);
  // Undo reverts only this participant's edits, never the partner's (y-monaco#9).
  const undo = new Y.UndoManager(options.text, { trackedOrigins: new Set([binding]) });
  // As in any editor, moving the caret (click, arrows) closes the undo step being typed.
  editor.onDidChangeCursorPosition((event) => {
    if (event.reason === monaco.editor.CursorChangeReason.Explicit) undo.stopCapturing();
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => undo.undo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => undo.redo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => undo.redo());
  const stops = new Set<() => void>();
  return {
    monaco: editor,
    setTheme: (theme) => monaco.editor.setTheme(monacoTheme(theme)),
    setReadOnly: (readOnly) => editor.updateOptions({ readOnly }),
    captureSignals(capture) {
      const stop = startProctorCapture({ editor, text: options.text, localOrigin: binding, ...capture });
      stops.add(stop);
      return () => {
        stops.delete(stop);
        stop();
      };
    },
    destroy() {
      for (const stop of stops) stop();
      stops.clear();
      undo.destroy();
      binding.destroy();
      editor.dispose();
      model.dispose();
    },
  };
}

function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}
