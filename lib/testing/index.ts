// dockercloud-rx/testing: builders of events and helpers for marble tests of pipelines.

export { createEventTestScheduler } from './createEventTestScheduler.js';
export type { DeepEqualAssertion } from './createEventTestScheduler.js';
export {
  actionEvent,
  authMessage,
  containerEvent,
  errorMessage,
  nodeClusterEvent,
  nodeEvent,
  resourceEvent,
  serviceEvent,
  stackEvent,
  unknownEvent,
  userNotification,
} from './eventBuilders.js';
export type { EventOptions } from './eventBuilders.js';
export { TEST_NAMESPACE, uri } from './uri.js';
export { FakeWebSocket, FakeWebSocketServer } from './FakeWebSocket.js';
export { FakeRestApi } from './FakeRestApi.js';
export type { FakeRestAnswer, FakeRestRequest } from './FakeRestApi.js';
