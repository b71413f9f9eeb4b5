import { expect, test } from 'vitest';
import { AUTO_SUBMIT_LEAD_MS, DeadlineClock } from './deadline-clock.js';

function clockAt(endsAt: number | undefined, submits = true) {
  let now = 0;
  const log: string[] = [];
  const clock = new DeadlineClock({
    endsAt: () => (endsAt === undefined ? undefined : new Date(endsAt).toISOString()),
    submitsAtDeadline: () => submits,
    onTick: (remaining) => log.push(`tick ${remaining}`),
    onAutoSubmit: () => log.push('submit'),
    onDeadline: () => log.push('deadline'),
    now: () => now,
  });
  return { clock, log, at: (ms: number) => ((now = ms), clock.tick()) };
}

test('submits once, just before the deadline, then reports the deadline once', () => {
  const { log, at } = clockAt(10_000);
  at(0);
  at(10_000 - AUTO_SUBMIT_LEAD_MS);
  at(9_500);
  at(10_000);
  at(11_000);
  expect(log).toEqual(['tick 10000', `tick ${AUTO_SUBMIT_LEAD_MS}`, 'submit', 'tick 500', 'tick 0', 'deadline', 'tick 0']);
});

test('a pad opened after the deadline does not submit; one that may not submit never does', () => {
  const late = clockAt(10_000);
  late.at(12_000);
  expect(late.log).toEqual(['tick 0', 'deadline']);
  const interviewer = clockAt(10_000, false);
  interviewer.at(0);
  interviewer.at(10_000);
  expect(interviewer.log).not.toContain('submit');
});

test('untimed rooms tick with nothing left to count', () => {
  const { log, at } = clockAt(undefined);
  at(0);
  expect(log).toEqual(['tick undefined']);
});
