import { expect, test } from 'vitest';
import { formatRemaining, remainingMs } from './countdown.js';

test('remainingMs counts down to zero and never below; absent or bad times have no timer', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  expect(remainingMs('2026-01-01T10:01:30Z', now)).toBe(90_000);
  expect(remainingMs('2026-01-01T09:59:00Z', now)).toBe(0);
  expect(remainingMs(undefined, now)).toBeUndefined();
  expect(remainingMs('not a time', now)).toBeUndefined();
});

test('formatRemaining rounds up to whole seconds and shows hours only when needed', () => {
  expect(formatRemaining(90_000)).toBe('01:30');
  expect(formatRemaining(500)).toBe('00:01');
  expect(formatRemaining(0)).toBe('00:00');
  expect(formatRemaining(3_725_000)).toBe('1:02:05');
});
