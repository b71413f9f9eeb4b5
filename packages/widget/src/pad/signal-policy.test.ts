import { expect, test } from 'vitest';
import { signalPolicy as sdkPolicy } from '@duet/sdk/metrics';
import { signalPolicy } from './signal-policy.js';

test('the pad records and shows signals exactly as @duet/sdk/metrics says', () => {
  for (const mode of ['practice', 'pair', 'interview', 'assessment'] as const) {
    for (const role of ['candidate', 'interviewer', 'observer'] as const) expect(signalPolicy(mode, role)).toEqual(sdkPolicy(mode, role));
  }
  expect(signalPolicy('practice', 'candidate').record).toBe(false);
  expect(signalPolicy('interview', 'candidate')).toMatchObject({ record: true, live: false });
  expect(signalPolicy('interview', 'interviewer')).toMatchObject({ record: true, live: true });
  expect(signalPolicy('assessment', 'candidate')).toMatchObject({ record: true, disclose: true });
});
