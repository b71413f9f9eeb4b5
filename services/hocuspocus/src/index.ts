// Public entry of `@duet/collab` (private): the collaboration service.
export { createCollabServer, type CollabServer, type CollabServerOptions } from './server.js';
export { readCollabConfig, CollabConfigError, type CollabConfig } from './config.js';
export { ROOM_CLOSE_REASONS, type RoomCloseReason } from './close-reasons.js';
export { roomDocumentName, parseRoomDocumentName, type RoomDocumentName } from './room-documents.js';
export { CODE_TEXT, META_MAP, EVENTS_ARRAY, NOTES_TEXT, type RoomEvent } from './room-events.js';
export { TimelineStore, type StoredUpdate, type TimelineEntry } from './store/timeline-store.js';
export { postgresClient, pgliteClient, type SqlClient } from './store/sql-client.js';
