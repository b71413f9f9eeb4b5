/**
 * Typing cadence per participant from the history: a keystroke is an update inserting at most
 * `maxKeystrokeChars` characters (editors send one change per key; auto-indent adds a few).
 */
import { SERVICE_AUTHOR, type UpdateRecord } from './history.js';

export interface TypingStats {
  user: string;
  keystrokes: number;
  charsTyped: number;
  /** Time between keystrokes no further apart than `burstGapMs`. */
  activeMs: number;
  /** Typed characters per active minute. */
  charsPerMinute: number;
  /** Runs of ≥ `minBurst` keystrokes each within `burstGapMs` of the last. */
  bursts: number;
  longestBurst: number;
  longestPauseMs: number;
}

export interface TypingOptions {
  maxKeystrokeChars?: number;
  burstGapMs?: number;
  minBurst?: number;
}

export function typingStats(records: readonly UpdateRecord[], exclude: ReadonlySet<number> = new Set(), options: TypingOptions = {}): TypingStats[] {
  const maxChars = options.maxKeystrokeChars ?? 4;
  const gapMs = options.burstGapMs ?? 2000;
  const minBurst = options.minBurst ?? 10;
  const byUser = new Map<string, UpdateRecord[]>();
  for (const r of records) {
    if (r.author === SERVICE_AUTHOR || exclude.has(r.index)) continue;
    const chars = r.inserted.reduce((n, i) => n + i.text.length, 0);
    if (chars === 0 || chars > maxChars) continue;
    let list = byUser.get(r.author);
    if (!list) byUser.set(r.author, (list = []));
    list.push(r);
  }
  return [...byUser].map(([user, keys]) => {
    let activeMs = 0;
    let bursts = 0;
    let run = 1;
    let longestBurst = keys.length ? 1 : 0;
    let longestPauseMs = 0;
    let charsTyped = 0;
    keys.forEach((k, i) => {
      charsTyped += k.inserted.reduce((n, x) => n + x.text.length, 0);
      if (i === 0) return;
      const gap = k.at - keys[i - 1]!.at;
      longestPauseMs = Math.max(longestPauseMs, gap);
      if (gap <= gapMs) {
        activeMs += gap;
        run++;
      } else {
        if (run >= minBurst) bursts++;
        run = 1;
      }
      longestBurst = Math.max(longestBurst, run);
    });
    if (run >= minBurst) bursts++;
    return { user, keystrokes: keys.length, charsTyped, activeMs, charsPerMinute: activeMs > 0 ? Math.round((charsTyped / activeMs) * 60_000) : 0, bursts, longestBurst, longestPauseMs };
  });
}
