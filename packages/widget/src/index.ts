// Public entry of `@duet/widget`: importing it defines `<duet-pad>`.
export { DuetPad, TAG_NAME } from './pad/pad.js';
export type { DuetPadEventMap, DuetReadyDetail, DuetRunDetail, DuetResultDetail, DuetEndDetail } from './pad/events.js';
export type { RoomView, RoomMode, RoomStatement, RunView, RunEvent, RunResult, TestResult, Verdict, RunKind } from './api/types.js';
export { ApiError } from './api/trpc-http.js';
