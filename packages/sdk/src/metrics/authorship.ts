/**
 * Who wrote each character of a Y.Text: an item's (client, clock) was introduced by exactly one
 * update of the timeline, and that update's author wrote it. This is exact: a participant's edits
 * keep their authorship when another moves them around, and a paste counts as the paster's.
 */
import * as Y from 'yjs';
import { introducedBy, type ClockRange, type UpdateRecord } from './history.js';

export interface AuthorSpan {
  /** UTF-16 offsets in the text, `to` exclusive. */
  from: number;
  to: number;
  author: string;
  role: string;
  /** The index of the update that inserted these characters (-1: unknown). */
  update: number;
}

export function authorshipOf(text: Y.Text, ranges: Map<number, ClockRange[]>, records: readonly UpdateRecord[]): AuthorSpan[] {
  const spans: AuthorSpan[] = [];
  let offset = 0;
  const push = (length: number, update: number) => {
    const record = records[update];
    const last = spans[spans.length - 1];
    if (last && last.update === update && last.to === offset) last.to += length;
    else spans.push({ from: offset, to: offset + length, author: record?.author ?? 'unknown', role: record?.role ?? 'unknown', update });
    offset += length;
  };
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable || !(item.content instanceof Y.ContentString)) continue;
    // An item can span several updates' ranges (Yjs merges a client's adjacent inserts): split it.
    const { client, clock } = item.id;
    let done = 0;
    while (done < item.length) {
      const range = introducedBy(ranges, client, clock + done);
      const length = range ? Math.min(item.length - done, range.to - (clock + done)) : item.length - done;
      push(length, range ? range.index : -1);
      done += length;
    }
  }
  return spans;
}

/** Characters per author in the spans. */
export function shareByAuthor(spans: readonly AuthorSpan[]): Map<string, number> {
  const shares = new Map<string, number>();
  for (const span of spans) shares.set(span.author, (shares.get(span.author) ?? 0) + span.to - span.from);
  return shares;
}

/** A run of characters by one author (adjacent spans of the same author merged, whatever update wrote them). */
export interface AuthorRun {
  from: number;
  to: number;
  author: string;
  role: string;
}

/** Spans merged per author: typing writes one span per keystroke, a report needs one per stretch. */
export function authorRuns(spans: readonly AuthorSpan[]): AuthorRun[] {
  const runs: AuthorRun[] = [];
  for (const { from, to, author, role } of spans) {
    const last = runs[runs.length - 1];
    if (last && last.author === author && last.to === from) last.to = to;
    else runs.push({ from, to, author, role });
  }
  return runs;
}
