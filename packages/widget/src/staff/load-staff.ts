/** Loads the staff module (signals pane, replay scrubber) on demand: it is not part of the initial script. */
export type StaffModule = typeof import('./staff-module.js');

let loading: Promise<StaffModule> | undefined;

export function loadStaff(): Promise<StaffModule> {
  loading ??= import('./staff-module.js');
  return loading;
}
