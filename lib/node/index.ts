// dockercloud-rx/node: everything of the package entry, with a `streamEvents` that uses `ws`
// and reads the DOCKERCLOUD_* environment variables.

export * from '../index.js';
export { readEnvironment } from './readEnvironment.js';
export type { Environment, EnvironmentOptions } from './readEnvironment.js';
export { streamEvents } from './streamEvents.js';
export type { NodeStreamOptions } from './streamEvents.js';
export { watchResources } from './watchResources.js';
export type { NodeWatchOptions } from './watchResources.js';
export { createDetailsCache } from './createDetailsCache.js';
export type { NodeDetailsOptions } from './createDetailsCache.js';
