// Public entry of `@duet/marketplace` (private): the service, its configuration, and the router's type
// for typed clients. The API's schemas are `@duet/sdk/api`; room-token verification is `@duet/sdk/room`.
export { createMarketplace, DEV_USER_EXTERNAL_ID, type Marketplace, type MarketplaceOptions } from './marketplace.js';
export { readConfig, type MarketplaceConfig } from './config/env.js';
export { ConfigError } from './config/config-error.js';
export type { AppRouter } from './root.js';
export type { PublishJudge } from './publish/publisher.js';
