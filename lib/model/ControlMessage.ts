import * as t from 'io-ts';
import { FieldProblem } from './FieldProblem.js';
import { isRecord, isValid, problemFailure } from './fields.js';
import { readControlMessage } from './readControlMessage.js';

/**
 * Sent by Tutum once the socket is authenticated. The stream consumes it as a status change.
 *
 * @example
 * ```ts
 * const m: AuthMessage = { type: 'auth' };
 * ```
 */
export interface AuthMessage {
  readonly type: 'auth';
}

/**
 * Sent when an error occurs on the connection or while authenticating; early servers sent
 * `UNAUTHORIZED` this way instead of refusing the handshake.
 *
 * @example
 * ```ts
 * const m: ErrorMessage = { type: 'error', data: { errorMessage: 'UNAUTHORIZED' } };
 * ```
 */
export interface ErrorMessage {
  readonly type: 'error';
  readonly data: { readonly errorMessage: string };
}

/**
 * A notification about a failed process on the account. The documents do not fix its fields,
 * so every field the server sent is kept.
 */
export interface UserNotificationMessage {
  readonly type: 'user-notification';
  readonly [field: string]: unknown;
}

/** The user notifications of the last minute, sent once after authentication (Tutum). */
export interface UserNotificationsMessage {
  readonly type: 'user-notifications';
  readonly [field: string]: unknown;
}

/** A message about the connection or the account rather than about a resource. */
export type ControlMessage = AuthMessage | ErrorMessage | UserNotificationMessage | UserNotificationsMessage;

/** The `type` of every {@link ControlMessage}. */
export type ControlMessageType = ControlMessage['type'];

/** Whether `type` names a control message. */
export function isControlMessageType(type: unknown): type is ControlMessageType {
  return type === 'auth' || type === 'error' || type === 'user-notification' || type === 'user-notifications';
}

function validateControlMessage(codec: t.Decoder<unknown, unknown>, u: unknown, c: t.Context): t.Validation<ControlMessage> {
  if (!isRecord(u)) return t.failure(u, c, 'expected a JSON object');
  const message = readControlMessage(u);
  return message instanceof FieldProblem ? problemFailure(c, codec, message) : t.success(message);
}

/**
 * Codec of {@link ControlMessage}: `auth`, `error`, `user-notification`, `user-notifications`.
 *
 * @example
 * ```ts
 * ControlMessage.decode({ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } });
 * ```
 */
export const ControlMessage: t.Type<ControlMessage, ControlMessage> = /* @__PURE__ */ new t.Type<ControlMessage, ControlMessage>(
  'ControlMessage',
  (u): u is ControlMessage => isValid(ControlMessage.validate(u, [])),
  (u, c) => validateControlMessage(ControlMessage, u, c),
  (m) => ({ ...m }),
);
