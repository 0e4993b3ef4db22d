import * as t from 'io-ts';
import { fieldFailure, isRecord, isValid } from './fields.js';

/**
 * A message whose `type` this library does not know (servers sent `image` and
 * `buildsetting`, for instance). It passes through the stream with every field it had.
 *
 * @remarks
 * Its `type` is a plain string, so switching on `event.type` narrows only among
 * {@link KnownEvent}s: check {@link isKnownEvent} first, or use `ofType`.
 *
 * @example
 * ```ts
 * const e: UnknownEvent = { type: 'image', resource_uri: '/api/repo/v1/image/x/' };
 * ```
 */
export interface UnknownEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * Codec of {@link UnknownEvent}: any JSON object with a string `type`.
 *
 * @example
 * ```ts
 * UnknownEvent.decode({ type: 'buildsetting', state: 'Success' });
 * ```
 */
export const UnknownEvent: t.Type<UnknownEvent, UnknownEvent> = /* @__PURE__ */ new t.Type<UnknownEvent, UnknownEvent>(
  'UnknownEvent',
  (u): u is UnknownEvent => isValid(UnknownEvent.validate(u, [])),
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, 'expected a JSON object');
    if (typeof u.type !== 'string') return fieldFailure(c, 'type', UnknownEvent, u.type, 'expected a string');
    return t.success({ ...u, type: u.type });
  },
  (e) => ({ ...e }),
);
