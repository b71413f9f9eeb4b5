/**
 * The events `<duet-pad>` dispatches. All bubble and are composed, so a host page hears them on the
 * element or any ancestor, across shadow roots.
 */
import type { RoomRole } from '@duet/sdk/room';
import type { RunKind, RunResult, RunView } from '../api/types.js';

export interface DuetReadyDetail {
  room: string;
  role: RoomRole;
  /** True for observers and ended rooms: the editor shows the code but does not change it. */
  readOnly: boolean;
}

export interface DuetRunDetail {
  /** The run as the marketplace accepted it (status `queued`). */
  run: RunView;
  kind: RunKind;
  /** True for the submission the assessment timer made at the deadline. */
  automatic: boolean;
}

export interface DuetResultDetail {
  runId: string;
  result: RunResult;
}

export interface DuetEndDetail {
  room: string;
  /** `ended`: the room was ended (rooms.end); `deadline`: a timed mode's time ran out. */
  reason: 'ended' | 'deadline';
}

export interface DuetPadEventMap {
  'duet-ready': CustomEvent<DuetReadyDetail>;
  'duet-run': CustomEvent<DuetRunDetail>;
  'duet-result': CustomEvent<DuetResultDetail>;
  'duet-end': CustomEvent<DuetEndDetail>;
}

export function duetEvent<K extends keyof DuetPadEventMap>(type: K, detail: DuetPadEventMap[K]['detail']): DuetPadEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as DuetPadEventMap[K];
}

declare global {
  interface HTMLElementEventMap extends DuetPadEventMap {}
}
