// dockercloud-rx/jetstream: the events relayed into NATS JetStream and consumed from it
// (Node). The NATS client packages (@nats-io/transport-node, @nats-io/jetstream) are optional
// peer dependencies: only this entry imports them, and nothing else of the package imports it.

export { consumeEvents } from './consumeEvents.js';
export type { ConsumeCounters, ConsumeFilter, ConsumeOptions, ConsumeStatus } from './ConsumeOptions.js';
export type { NatsTarget } from './NatsTarget.js';
export { DEFAULT_DUPLICATE_WINDOW, publishEvents } from './publishEvents.js';
export type { PublishCounters, PublishOptions, PublishReceipt, PublishStatus } from './PublishOptions.js';
