import type { AuthMessage, ErrorMessage, UserNotificationMessage } from '../model/ControlMessage.js';
import type { EventAction } from '../model/EventAction.js';
import type {
  ActionEvent,
  ContainerEvent,
  NodeClusterEvent,
  NodeEvent,
  ResourceEventOf,
  ServiceEvent,
  StackEvent,
} from '../model/ResourceEvent.js';
import type { StateOf } from '../model/ResourceState.js';
import type { ResourceType } from '../model/ResourceType.js';
import type { UnknownEvent } from '../model/UnknownEvent.js';
import { TEST_NAMESPACE, uri } from './uri.js';

/** What a builder lets a test set beside the resource's id and state. */
export interface EventOptions {
  /** Default `update`. */
  readonly action?: EventAction;
  /** The parents' URIs (build them with {@link uri}). Default none. */
  readonly parents?: readonly string[];
  /** The event's uuid. Default none, as on Tutum. */
  readonly uuid?: string;
  /** The event's time. Default none, as on Tutum. */
  readonly datetime?: string;
  /** The namespace of the resource's URI. Default {@link TEST_NAMESPACE}. */
  readonly namespace?: string;
}

/**
 * An event about the resource `id` of type `type`, shaped exactly as `decodeEvent`
 * returns it, so that a test can compare decoded output with built values.
 *
 * @example
 * ```ts
 * resourceEvent('container', 'web-1', 'Running', { parents: [uri('service', 'web')] });
 * ```
 */
export function resourceEvent<T extends ResourceType>(
  type: T,
  id: string,
  state?: StateOf<T>,
  options: EventOptions = {},
): ResourceEventOf<T> {
  const event: {
    type: T;
    action: EventAction;
    parents: readonly string[];
    resource_uri: string;
    state?: StateOf<T>;
    uuid?: string;
    datetime?: string;
  } = {
    type,
    action: options.action ?? 'update',
    parents: [...(options.parents ?? [])],
    resource_uri: uri(type, id, options.namespace ?? TEST_NAMESPACE),
  };
  if (state !== undefined) event.state = state;
  if (options.uuid !== undefined) event.uuid = options.uuid;
  if (options.datetime !== undefined) event.datetime = options.datetime;
  return event;
}

/**
 * A stack event.
 *
 * @example
 * ```ts
 * stackEvent('shop', 'Running');
 * ```
 */
export function stackEvent(id: string, state?: StateOf<'stack'>, options?: EventOptions): StackEvent {
  return resourceEvent('stack', id, state, options);
}

/**
 * A service event.
 *
 * @example
 * ```ts
 * serviceEvent('web', 'Scaling', { parents: [uri('stack', 'shop')] });
 * ```
 */
export function serviceEvent(id: string, state?: StateOf<'service'>, options?: EventOptions): ServiceEvent {
  return resourceEvent('service', id, state, options);
}

/**
 * A container event.
 *
 * @example
 * ```ts
 * containerEvent('web-1', 'Running', { parents: [uri('service', 'web'), uri('stack', 'shop')] });
 * ```
 */
export function containerEvent(id: string, state?: StateOf<'container'>, options?: EventOptions): ContainerEvent {
  return resourceEvent('container', id, state, options);
}

/**
 * A node cluster event.
 *
 * @example
 * ```ts
 * nodeClusterEvent('east', 'Deployed');
 * ```
 */
export function nodeClusterEvent(id: string, state?: StateOf<'nodecluster'>, options?: EventOptions): NodeClusterEvent {
  return resourceEvent('nodecluster', id, state, options);
}

/**
 * A node event.
 *
 * @example
 * ```ts
 * nodeEvent('n1', 'Unreachable', { parents: [uri('nodecluster', 'east')] });
 * ```
 */
export function nodeEvent(id: string, state?: StateOf<'node'>, options?: EventOptions): NodeEvent {
  return resourceEvent('node', id, state, options);
}

/**
 * An action event; its parent is the resource it applies to.
 *
 * @example
 * ```ts
 * actionEvent('a1', 'Success', { parents: [uri('container', 'web-1')] });
 * ```
 */
export function actionEvent(id: string, state?: StateOf<'action'>, options?: EventOptions): ActionEvent {
  return resourceEvent('action', id, state, options);
}

/**
 * The `auth` message Tutum sends once the socket is authenticated.
 *
 * @example
 * ```ts
 * authMessage(); // { type: 'auth' }
 * ```
 */
export function authMessage(): AuthMessage {
  return { type: 'auth' };
}

/**
 * An in-band `error` message.
 *
 * @example
 * ```ts
 * errorMessage('UNAUTHORIZED');
 * ```
 */
export function errorMessage(text: string): ErrorMessage {
  return { type: 'error', data: { errorMessage: text } };
}

/**
 * A `user-notification` message with the given fields.
 *
 * @example
 * ```ts
 * userNotification({ message: 'Redeploy failed' });
 * ```
 */
export function userNotification(fields: { readonly [field: string]: unknown } = {}): UserNotificationMessage {
  return { ...fields, type: 'user-notification' };
}

/**
 * A message of a type the library does not know, with the given fields.
 *
 * @example
 * ```ts
 * unknownEvent('image', { resource_uri: '/api/repo/v1/image/x/' });
 * ```
 */
export function unknownEvent(type: string, fields: { readonly [field: string]: unknown } = {}): UnknownEvent {
  return { ...fields, type };
}
