// Public entry of `@duet/sdk/client` (isomorphic): the marketplace API client and webhook verification.
export { createDuetClient, type DuetClient, type DuetClientOptions, type CallOptions } from './duet-client.js';
export type { RunStreamOptions } from './run-stream.js';
export { verifyWebhook, type DuetWebhookEvent, type WebhookEventType } from './verify-webhook.js';
