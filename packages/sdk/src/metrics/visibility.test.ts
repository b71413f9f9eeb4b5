import { expect, test } from 'vitest';
import { signalPolicy } from './visibility.js';

test('practice and pair are not proctored; candidates never see signals; assessment is disclosed', () => {
  for (const role of ['candidate', 'interviewer', 'observer'] as const) {
    expect(signalPolicy('practice', role)).toEqual({ record: false, live: false, report: false, disclose: false });
    expect(signalPolicy('pair', role).record).toBe(false);
  }
  expect(signalPolicy('interview', 'interviewer')).toEqual({ record: true, live: true, report: true, disclose: false });
  expect(signalPolicy('interview', 'candidate')).toEqual({ record: true, live: false, report: false, disclose: false });
  expect(signalPolicy('assessment', 'candidate')).toEqual({ record: true, live: false, report: false, disclose: true });
  expect(signalPolicy('assessment', 'observer').report).toBe(true);
});
