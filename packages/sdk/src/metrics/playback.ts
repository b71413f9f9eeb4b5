/**
 * Playback clock for a replay: maps wall time spent watching to session time at a speed (1×–32×),
 * optionally compressing idle stretches (no update for longer than `idleMs`) to `idleShownMs`.
 * Pure: the widget drives it from requestAnimationFrame and seeks the replay to `sessionTimeAt`.
 */
import { MetricsError } from './errors.js';

export const MAX_PLAYBACK_SPEED = 32;

export interface PlaybackOptions {
  speed?: number;
  skipIdle?: boolean;
  /** A gap between updates longer than this is idle (default 30 s). */
  idleMs?: number;
  /** How long an idle stretch lasts in session time once skipped (default 1 s). */
  idleShownMs?: number;
}

export interface IdleStretch {
  from: number;
  to: number;
}

export interface Playback {
  speed: number;
  /** Wall milliseconds to watch the whole session. */
  duration: number;
  skipped: IdleStretch[];
  /** Session time (epoch ms) after `wallMs` of watching. */
  sessionTimeAt(wallMs: number): number;
  /** Wall ms of watching at which the session reaches `time` (for jump points on the scrubber). */
  wallTimeAt(time: number): number;
}

/** Gaps between consecutive times (sorted epoch ms) longer than `idleMs`. */
export function idleStretches(times: readonly number[], idleMs: number): IdleStretch[] {
  const out: IdleStretch[] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > idleMs) out.push({ from: times[i - 1]!, to: times[i]! });
  return out;
}

export function createPlayback(times: readonly number[], options: PlaybackOptions = {}): Playback {
  const speed = options.speed ?? 1;
  if (!(speed > 0 && speed <= MAX_PLAYBACK_SPEED)) throw new MetricsError('PLAYBACK_INVALID', `playback speed must be above 0 and at most ${MAX_PLAYBACK_SPEED}×, not ${speed}`);
  const idleMs = options.idleMs ?? 30_000;
  const shown = Math.min(options.idleShownMs ?? 1000, idleMs);
  const start = times[0] ?? 0;
  const end = times[times.length - 1] ?? start;
  const skipped = options.skipIdle ? idleStretches(times, idleMs) : [];
  // Piecewise-linear map of session time to "shown" time: each skipped stretch shrinks to `shown`.
  const knots: Array<{ session: number; shown: number }> = [{ session: start, shown: 0 }];
  let cut = 0;
  for (const s of skipped) {
    knots.push({ session: s.from, shown: s.from - start - cut });
    cut += s.to - s.from - shown;
    knots.push({ session: s.to, shown: s.to - start - cut });
  }
  knots.push({ session: end, shown: end - start - cut });
  const totalShown = end - start - cut;

  const interpolate = (value: number, from: 'session' | 'shown', to: 'session' | 'shown') => {
    for (let i = 1; i < knots.length; i++) {
      const a = knots[i - 1]!;
      const b = knots[i]!;
      if (value <= b[from] || i === knots.length - 1) {
        const span = b[from] - a[from];
        const t = span <= 0 ? 0 : Math.min(1, Math.max(0, (value - a[from]) / span));
        return a[to] + t * (b[to] - a[to]);
      }
    }
    return knots[0]![to];
  };

  return {
    speed,
    duration: totalShown / speed,
    skipped,
    sessionTimeAt: (wallMs) => interpolate(Math.min(Math.max(wallMs * speed, 0), totalShown), 'shown', 'session'),
    wallTimeAt: (time) => interpolate(Math.min(Math.max(time, start), end), 'session', 'shown') / speed,
  };
}
