/**
 * `@duet/sdk/metrics`: what happens after (and during) an interview, as pure functions over a
 * room's history (isomorphic: no Node-only imports). See docs/room-protocol.md §6–§7.
 */
export * from './errors.js';
export * from './events.js';
export * from './timeline.js';
export { CODE_TEXT, EVENTS_ARRAY, META_MAP, SERVICE_AUTHOR, loadHistory, toTimeline, type History, type HistoryOptions, type UpdateRecord, type TextEdit, type Checkpoint } from './history.js';
export * from './authorship.js';
export * from './replay.js';
export * from './playback.js';
export * from './signals.js';
export * from './typing.js';
export * from './runs.js';
export * from './diff.js';
export * from './metrics.js';
export * from './python-tokens.js';
export { similarTo, tokenize as tokenizePython, type Submission, type SimilarityMatch, type SimilarityOptions, type LineRange } from './similarity.js';
export * from './notes.js';
export * from './report-model.js';
export { SessionSimulator, notesTimeline, type SimulatorOptions } from './simulate.js';
export { generateSession } from './generate-session.js';
export * from './visibility.js';
