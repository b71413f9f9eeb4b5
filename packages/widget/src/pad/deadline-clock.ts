/**
 * The timed modes' clock: ticks what is left until the room's `endsAt`, submits an assessment once
 * just before its deadline, and says when the time is up.
 */
import { remainingMs } from '../panes/countdown.js';

/** How long before an assessment's deadline the pad submits, so the run reaches the marketplace before the room closes. */
export const AUTO_SUBMIT_LEAD_MS = 1000;
const TICK_MS = 250;

export interface DeadlineClockOptions {
  /** The deadline (ISO), or undefined when the mode is not timed. */
  endsAt(): string | undefined;
  /** Whether this pad submits at the deadline (an assessment's candidate with `submit`). */
  submitsAtDeadline(): boolean;
  onTick(remainingMs: number | undefined): void;
  onAutoSubmit(): void;
  onDeadline(): void;
  now?: () => number;
}

export class DeadlineClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Set once the clock has seen time left: a pad opened after the deadline does not submit again. */
  private armed = false;
  private submitted = false;
  private over = false;

  constructor(private readonly options: DeadlineClockOptions) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  tick(): void {
    const remaining = remainingMs(this.options.endsAt(), this.options.now?.());
    this.options.onTick(remaining);
    if (remaining === undefined || this.over) return;
    if (remaining > AUTO_SUBMIT_LEAD_MS) this.armed = true;
    if (this.armed && !this.submitted && remaining <= AUTO_SUBMIT_LEAD_MS && this.options.submitsAtDeadline()) {
      this.submitted = true;
      this.options.onAutoSubmit();
    }
    if (remaining === 0) {
      this.over = true;
      this.options.onDeadline();
    }
  }
}
