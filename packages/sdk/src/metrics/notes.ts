/** The final text of a room's notes document (`Y.Text('notes')`, interviewers only). */
import * as Y from 'yjs';
import { toTimeline } from './history.js';
import type { Timeline, TimelineJson } from './timeline.js';

export const NOTES_TEXT = 'notes';

export function finalText(input: Timeline | TimelineJson, name = NOTES_TEXT): string {
  const timeline = toTimeline(input);
  const doc = new Y.Doc();
  // Updates in order; a snapshot alone also works (it holds everything up to its `upto`).
  doc.transact(() => {
    const last = timeline.snapshots[timeline.snapshots.length - 1];
    if (last) Y.applyUpdate(doc, last.state);
    for (const u of timeline.updates) Y.applyUpdate(doc, u.update);
  });
  const text = doc.getText(name).toString();
  doc.destroy();
  return text;
}
