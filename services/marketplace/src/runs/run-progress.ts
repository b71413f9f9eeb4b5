import type { RunResult } from '@duet/sdk/run';
import type { Prisma, PrismaClient, Run } from '../generated/prisma/client.js';
import type { Logger } from '../services.js';
import type { RunSignals } from './run-signals.js';

/**
 * Stores what a judge reports about a run, whichever judge and however often (at-least-once
 * delivery): a start, each test by index (a repeat overwrites), and the result, which moves the
 * run to DONE once; the `onDone` hook runs only for the call that did that move.
 */
export interface RunProgress {
  /** `attempt`: which pickup this is, when the judge knows; else the count goes up by one. */
  started(runId: string, attempt?: number): Promise<void>;
  test(runId: string, index: number, result: unknown): Promise<void>;
  done(runId: string, result: RunResult, judgeMs: number | null): Promise<void>;
}

export function createRunProgress(prisma: PrismaClient, signals: RunSignals, log: Logger, onDone: (run: Run) => Promise<void>): RunProgress {
  return {
    async started(runId, attempt) {
      await prisma.run.updateMany({ where: { id: runId, state: { not: 'DONE' } }, data: { state: 'RUNNING', startedAt: new Date(), attempts: attempt ?? { increment: 1 } } });
      signals.changed(runId);
    },
    async test(runId, index, result) {
      const json = result as Prisma.InputJsonValue;
      try {
        await prisma.runEvent.upsert({ where: { runId_index: { runId, index } }, create: { runId, index, result: json }, update: { result: json, at: new Date() } });
      } catch (error) {
        // A run deleted meanwhile (its room removed): nothing to record.
        if ((error as { code?: string }).code !== 'P2003') throw error;
      }
      signals.changed(runId);
    },
    async done(runId, result, judgeMs) {
      const now = new Date();
      const moved = await prisma.run.updateMany({
        where: { id: runId, state: { not: 'DONE' } },
        data: { state: 'DONE', result: result as unknown as Prisma.InputJsonValue, verdict: result.verdict, finishedAt: now, ...(judgeMs !== null ? { judgeMs } : {}) },
      });
      signals.changed(runId);
      if (moved.count === 0) return;
      const run = await prisma.run.findUnique({ where: { id: runId } });
      if (run) await onDone(run).catch((error: unknown) => log.error({ err: error }, `after-run hooks of ${runId} failed`));
    },
  };
}
