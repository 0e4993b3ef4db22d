// The browser-safe entry point of dockercloud-rx: nothing reachable from here may import a
// Node built-in or `ws`.

export { CloudEvent, isKnownEvent, isResourceEvent } from './model/CloudEvent.js';
export type { KnownEvent } from './model/CloudEvent.js';
export { ControlMessage, isControlMessageType } from './model/ControlMessage.js';
export type {
  AuthMessage,
  ControlMessageType,
  ErrorMessage,
  UserNotificationMessage,
  UserNotificationsMessage,
} from './model/ControlMessage.js';
export { DecodeError, isDecodeError } from './model/DecodeError.js';
export type { DecodeErrorKind } from './model/DecodeError.js';
export { decodeEvent } from './model/decodeEvent.js';
export { EventAction } from './model/EventAction.js';
export { isEndOfLife } from './model/isEndOfLife.js';
export { isTransitionalState } from './model/isTransitionalState.js';
export {
  ActionEvent,
  ContainerEvent,
  NodeClusterEvent,
  NodeEvent,
  ResourceEvent,
  ServiceEvent,
  StackEvent,
} from './model/ResourceEvent.js';
export type { ResourceEventOf } from './model/ResourceEvent.js';
export { isKnownState } from './model/ResourceState.js';
export type {
  ActionState,
  ContainerState,
  NodeClusterState,
  NodeState,
  ServiceState,
  StackState,
  StateOf,
  UnknownState,
} from './model/ResourceState.js';
export { ResourceType } from './model/ResourceType.js';
export { EVENT_ACTIONS, KNOWN_STATES, OBSERVED_STATES, RESOURCE_TYPES, SECTION_OF } from './model/vocabulary.js';
export type { ApiSection, KnownStates, ObservedState } from './model/vocabulary.js';
export { UnknownEvent } from './model/UnknownEvent.js';

export { formatResourceUri } from './uri/formatResourceUri.js';
export { normalizeResourceUri } from './uri/normalizeResourceUri.js';
export { parseResourceUri } from './uri/parseResourceUri.js';
export type { ResourceRef } from './uri/ResourceRef.js';
export { sameResource } from './uri/sameResource.js';

export { AuthError, isAuthError } from './errors/AuthError.js';
export type { AuthErrorKind } from './errors/AuthError.js';
export { ConnectionError, isConnectionError } from './errors/ConnectionError.js';
export type { ConnectionErrorKind } from './errors/ConnectionError.js';
export type { ErrorFields } from './errors/ErrorFields.js';
export { HandshakeError, isHandshakeError } from './errors/HandshakeError.js';
export type { HandshakeErrorKind } from './errors/HandshakeError.js';
export { isMessageError, MessageError } from './errors/MessageError.js';
export type { MessageErrorKind } from './errors/MessageError.js';
export { isStreamOptionsError, StreamOptionsError } from './errors/StreamOptionsError.js';
export type { StreamOptionsErrorKind } from './errors/StreamOptionsError.js';

export { connectionLive } from './stream/connectionLive.js';
export { streamEvents } from './stream/streamEvents.js';
export type { FilterValue, RetryOptions, StreamAuth, StreamFilter, StreamOptions } from './stream/StreamOptions.js';
export type { StreamCounters, StreamStatus } from './stream/StreamStatus.js';
export type { WebSocketClientOptions, WebSocketConstructor, WebSocketLike } from './stream/WebSocketLike.js';

export { distinctByUuid } from './operators/distinctByUuid.js';
export type { DistinctByUuidOptions } from './operators/distinctByUuid.js';
export { liveFor } from './operators/liveFor.js';
export { ofAction } from './operators/ofAction.js';
export type { OfAction } from './operators/ofAction.js';
export { ofType } from './operators/ofType.js';
export type { EventTypeOf, OfType } from './operators/ofType.js';
export { ofUnknownType } from './operators/ofUnknownType.js';
export type { NotKnownType, OfUnknownType } from './operators/ofUnknownType.js';
export { underParent } from './operators/underParent.js';
export type { UnderParentOptions } from './operators/underParent.js';
export { groupByResource } from './operators/groupByResource.js';
export type { GroupByResourceOptions, ResourceGroup } from './operators/groupByResource.js';
export { resourceView } from './operators/resourceView.js';
export type { ResourceView } from './operators/resourceView.js';
export { settled } from './operators/settled.js';
export type { SettledOptions } from './operators/settled.js';
export { stateTransitions } from './operators/stateTransitions.js';
export type { StateTransition, StateTransitionOf } from './operators/stateTransitions.js';

export { isRestError, RestError } from './errors/RestError.js';
export type { RestErrorKind } from './errors/RestError.js';
export type { ResourceWatch } from './resync/ResourceWatch.js';
export type { RestFetch, RestRequestInit, RestResponse } from './resync/RestFetch.js';
export { watchResources } from './resync/watchResources.js';
export { isSynthetic } from './resync/WatchedEvent.js';
export type { ResyncMarker, WatchedEvent } from './resync/WatchedEvent.js';
export type { WatchOptions } from './resync/WatchOptions.js';
export type { ResyncCounters, ResyncStatus, WatchStatus } from './resync/WatchStatus.js';

export { createDetailsCache } from './details/createDetailsCache.js';
export type { DetailsCache } from './details/DetailsCache.js';
export type { DetailsOptions } from './details/DetailsOptions.js';
export type { DetailsStatus } from './details/DetailsStatus.js';
export { refreshesDetails } from './details/refreshesDetails.js';
export type { ResourceDetails } from './details/ResourceDetails.js';
