/**
 * Follows runs for the results pane: those this participant starts and those the partner starts
 * (seen as `run` events in the room document), streaming each one's test results once. The room's
 * `result` event stands in when a stream is unavailable (an observer's token, a dropped connection).
 */
import type { RoomsClient } from '../api/rooms-client.js';
import { ApiError } from '../api/trpc-http.js';
import type { RunEvent, RunKind, RunResult, Verdict } from '../api/types.js';
import type { RunOnScreen } from '../panes/results-pane.js';

/** How often a dropped results stream is resumed before the pad gives up on it. */
const STREAM_RETRIES = 3;

export interface RoomRunEvent {
  type: 'run';
  run: string;
  kind: RunKind;
  user?: string;
}

export interface RoomResultEvent {
  type: 'result';
  run: string;
  verdict: Verdict;
  passed: number;
  total: number;
}

export class RunTracker {
  /** The run on screen: the latest one started in the room. */
  current: RunOnScreen | undefined;
  private readonly followed = new Set<string>();
  private readonly abort = new AbortController();

  constructor(
    private readonly rooms: RoomsClient,
    private readonly onChange: () => void,
    private readonly onResult: (runId: string, result: RunResult) => void,
  ) {}

  /** Shows a run and streams its results, once per run id. */
  follow(runId: string, kind: RunKind, by?: string): void {
    if (this.followed.has(runId)) return;
    this.followed.add(runId);
    const run: RunOnScreen = { id: runId, kind, tests: [], ...(by ? { by } : {}) };
    this.current = run;
    this.onChange();
    void this.stream(run);
  }

  /** The room's summary of a run's outcome, for a run whose stream did not deliver it. */
  summarize(event: RoomResultEvent): void {
    if (this.current?.id !== event.run || this.current.result) return;
    this.current.summary = { verdict: event.verdict, passed: event.passed, total: event.total };
    delete this.current.error;
    this.onChange();
  }

  /** Shows a past run's outcome (after a reload) without streaming it again. */
  showPast(run: RoomRunEvent, result: RoomResultEvent | undefined, by?: string): void {
    this.followed.add(run.run);
    this.current = { id: run.run, kind: run.kind, tests: [], ...(by ? { by } : {}), ...(result ? { summary: { verdict: result.verdict, passed: result.passed, total: result.total } } : {}) };
    this.onChange();
  }

  fail(message: string, kind: RunKind): void {
    this.current = { id: '', kind, tests: [], error: message };
    this.onChange();
  }

  destroy(): void {
    this.abort.abort();
  }

  private async stream(run: RunOnScreen): Promise<void> {
    let lastEventId: string | undefined;
    // A dropped stream resumes after the last event it delivered, a bounded number of times.
    for (let attempt = 0; attempt <= STREAM_RETRIES; attempt++) {
      try {
        for await (const { id, data: event } of this.rooms.streamRun(run.id, this.abort.signal, lastEventId)) {
          if (id) lastEventId = id;
          this.apply(run, event);
          if (event.type === 'done') return;
        }
        return;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (attempt < STREAM_RETRIES && !(error instanceof ApiError && error.httpStatus < 500)) {
          await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
          continue;
        }
        // The room's `result` event still brings the verdict; only say so if nothing else will.
        if (!run.summary && this.current === run) {
          run.error = `Live results unavailable: ${(error as Error).message}`;
          this.onChange();
        }
        return;
      }
    }
  }

  private apply(run: RunOnScreen, event: RunEvent): void {
    if (event.type === 'test') {
      const tests = [...run.tests];
      tests[event.index] = event.result; // a resumed stream may repeat a test
      run.tests = tests.filter(Boolean);
    } else {
      run.result = event.result;
      run.tests = event.result.tests;
      run.total = event.result.total;
      this.onResult(run.id, event.result);
    }
    if (this.current === run) this.onChange();
  }
}
