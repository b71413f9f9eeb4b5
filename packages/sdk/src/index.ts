// Public entry of `@duet/sdk` (browser-safe): the pack format's schemas, types and errors, and the
// judge's verdict model and checkers. The Node fs loader lives in `@duet/sdk/pack` only.
export * from './pack/browser.js';
export * from './judge/index.js';
// The marketplace client: createDuetClient, verifyWebhook.
export * from './client/index.js';
