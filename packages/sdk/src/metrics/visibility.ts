/**
 * Who sees proctor-lite signals, by room mode (issue 10): practice and pair rooms are not
 * proctored (clients record no signals); in interview mode interviewers and observers see them
 * live; in assessment mode everything is recorded for the report and the candidate must be told
 * before starting. Candidates never see signals.
 */
export type RoomMode = 'practice' | 'pair' | 'interview' | 'assessment';
export type ViewerRole = 'candidate' | 'interviewer' | 'observer';

export interface SignalPolicy {
  /** Clients append paste/focus/typing events. */
  record: boolean;
  /** This viewer sees signals during the session. */
  live: boolean;
  /** This viewer sees them in the report and the replay. */
  report: boolean;
  /** The candidate must be told, before starting, that the session is recorded for a report. */
  disclose: boolean;
}

export function signalPolicy(mode: RoomMode, role: ViewerRole): SignalPolicy {
  const proctored = mode === 'interview' || mode === 'assessment';
  const staff = role !== 'candidate';
  return { record: proctored, live: proctored && staff, report: proctored && staff, disclose: mode === 'assessment' };
}
