import { createHash } from 'node:crypto';
import type { ResourceEvent } from '../model/ResourceEvent.js';
import type { WatchedEvent } from '../resync/WatchedEvent.js';

/** The headers that carry what the library's model says about an event beyond its wire fields. */
export const HEADER_SYNTHETIC = 'Dockercloud-Synthetic';
/** See {@link HEADER_SYNTHETIC}. */
export const HEADER_FINAL_STATE_UNKNOWN = 'Dockercloud-Final-State-Unknown';
/** See {@link HEADER_SYNTHETIC}. */
export const HEADER_LISTED_AT = 'Dockercloud-Listed-At';

/** A uuid that can go into a header as it is: short, no separator, nothing to inject. */
const PLAIN_UUID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The payload of an event's message: its wire fields as Docker Cloud sends them, so the
 * consumer decodes it with the library's own decoder, exactly as a websocket frame. The
 * resync markers travel in headers.
 *
 * @internal
 * @example
 * ```ts
 * payloadOf(event); // '{"type":"container","action":"update",…}'
 * ```
 */
export function payloadOf(event: WatchedEvent): string {
  const wire: Record<string, unknown> = {
    type: event.type,
    action: event.action,
    parents: event.parents,
    resource_uri: event.resource_uri,
  };
  if (event.state !== undefined) wire['state'] = event.state;
  if (event.uuid !== undefined) wire['uuid'] = event.uuid;
  if (event.datetime !== undefined) wire['datetime'] = event.datetime;
  return JSON.stringify(wire);
}

/** The resync markers of `event` as header values (`listedAt` only when it is a date). @internal */
export function markerHeaders(event: WatchedEvent): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [];
  if (event.synthetic === true) headers.push([HEADER_SYNTHETIC, 'true']);
  if (event.finalStateUnknown === true) headers.push([HEADER_FINAL_STATE_UNKNOWN, 'true']);
  if (event.listedAt !== undefined && !Number.isNaN(Date.parse(event.listedAt)))
    headers.push([HEADER_LISTED_AT, new Date(event.listedAt).toISOString()]);
  return headers;
}

/**
 * The JetStream message id of an event, what de-duplicates it: a live event's `uuid`, so that
 * the same event published by two relays is stored once. Any other event (synthetic, or
 * without a `uuid`, or with one that could not go into a header as it is) gets a hash of its
 * payload and markers: deterministic, so a retried publish is still recognised, and, since a
 * synthetic event carries its listing's time, two listings never share an id.
 *
 * @internal
 * @example
 * ```ts
 * messageIdOf(liveEvent); // its uuid
 * ```
 */
export function messageIdOf(event: WatchedEvent, payload: string = payloadOf(event)): string {
  if (event.synthetic !== true && event.uuid !== undefined && PLAIN_UUID.test(event.uuid)) return event.uuid;
  const hash = createHash('sha256');
  hash.update(payload);
  for (const [name, value] of markerHeaders(event)) hash.update(`\n${name}:${value}`);
  return `${event.synthetic === true ? 'synthetic' : 'event'}-${hash.digest('hex').slice(0, 40)}`;
}

/**
 * Adds to a decoded event what its headers say: `synthetic`, `finalStateUnknown` (only on a
 * synthetic event) and `listedAt` (only a valid date). Anything else in the headers is ignored.
 *
 * @internal
 * @example
 * ```ts
 * withMarkers(decoded, (name) => msg.headers?.get(name));
 * ```
 */
export function withMarkers(event: ResourceEvent, header: (name: string) => string | undefined): WatchedEvent {
  if (header(HEADER_SYNTHETIC) !== 'true') return event;
  const marked = event as ResourceEvent & { synthetic?: true; finalStateUnknown?: true; listedAt?: string };
  marked.synthetic = true;
  if (header(HEADER_FINAL_STATE_UNKNOWN) === 'true') marked.finalStateUnknown = true;
  const listedAt = header(HEADER_LISTED_AT);
  if (listedAt !== undefined && listedAt !== '' && !Number.isNaN(Date.parse(listedAt))) marked.listedAt = listedAt;
  return marked;
}
