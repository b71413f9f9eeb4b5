/** Runs and their verdicts, from the room's events, with the code each ran (the code when the run was accepted). */
import type { Replay } from './replay.js';

export interface RunSummary {
  id: string;
  kind: 'sample' | 'custom' | 'submit';
  user?: string;
  /** Epoch ms. */
  at: number;
  /** The update that recorded the run (the code it ran is the code there). */
  index: number;
  code: string;
  verdict?: string;
  passed?: number;
  total?: number;
  complexity?: { time?: string; space?: string };
  resultAt?: number;
}

export function runsOf(replay: Replay): RunSummary[] {
  const runs = new Map<string, RunSummary>();
  for (const { event, index, at } of replay.events) {
    if (event.type === 'run') {
      runs.set(event.run, { id: event.run, kind: event.kind, ...(event.user ? { user: event.user } : {}), at, index, code: replay.seek({ index }).code });
    } else if (event.type === 'result') {
      const run = runs.get(event.run);
      if (!run) continue; // a result for a run this room never recorded: nothing to attach it to
      Object.assign(run, {
        verdict: event.verdict,
        resultAt: at,
        ...(event.passed !== undefined ? { passed: event.passed } : {}),
        ...(event.total !== undefined ? { total: event.total } : {}),
        ...(event.complexity ? { complexity: { time: event.complexity.time, space: event.complexity.space } } : {}),
      });
    }
  }
  return [...runs.values()].sort((a, b) => a.at - b.at);
}
