// Public entry of `@duet/sdk/api` (isomorphic): the marketplace API's input and output schemas
// (zod), shared by the service's routers and the typed client, and how its errors map onto the
// run contract's DuetError codes.
export * from './names.js';
export * from './orgs.js';
export * from './packs.js';
export * from './publish.js';
export * from './errors.js';
export * from './reports.js';
export * from './rooms.js';
export * from './runs.js';
export * from './webhooks.js';
