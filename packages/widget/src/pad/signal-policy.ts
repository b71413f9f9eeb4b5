/**
 * `signalPolicy(mode, role)` of `@duet/sdk/metrics` (visibility.ts), restated for the initial
 * script: importing the metrics entry would pull its schemas and replay into the first paint (the
 * 80 KB budget). signal-policy.test.ts checks that both answer the same for every mode and role.
 */
import type { SignalPolicy } from '@duet/sdk/metrics';
import type { RoomMode } from '../api/types.js';

export type { SignalPolicy };

export function signalPolicy(mode: RoomMode, role: 'candidate' | 'interviewer' | 'observer'): SignalPolicy {
  const proctored = mode === 'interview' || mode === 'assessment';
  const staff = role !== 'candidate';
  return { record: proctored, live: proctored && staff, report: proctored && staff, disclose: mode === 'assessment' };
}
