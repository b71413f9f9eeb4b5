/**
 * What only interviewers and observers load (lazily, never in a candidate's first paint): the live
 * signals pane and the replay scrubber, with `@duet/sdk/metrics`.
 */
import { DuetReplay } from './replay-panel.js';
import { DuetSignals } from './signals-pane.js';

export { DuetReplay, DuetSignals };

export function defineStaffElements(): void {
  if (!customElements.get('duet-signals')) customElements.define('duet-signals', DuetSignals);
  if (!customElements.get('duet-replay')) customElements.define('duet-replay', DuetReplay);
}

defineStaffElements();
