import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';
import type { DecodeError } from '../model/DecodeError.js';

/**
 * Why a frame was rejected: malformed JSON (`syntax`), JSON of the wrong shape (`schema`), a
 * binary frame (`binary`) or a frame over `maxMessageSize` (`oversized`).
 */
export type MessageErrorKind = 'syntax' | 'schema' | 'binary' | 'oversized';

/**
 * What becomes the `cause` of a {@link MessageError}: a {@link DecodeError}, or (inside the
 * library) what builds one when first asked.
 *
 * @internal
 */
export type DecodeErrorSource = DecodeError | { toDecodeError(): DecodeError };

const DECODE: unique symbol = Symbol('cause');
type Lazy = { [DECODE]?: DecodeErrorSource };

/**
 * A frame the stream could not turn into an event. By default it is counted and reported
 * through the status channel and the stream goes on; with `strict: true` it ends the stream
 * as this error. Its message is short and holds no credential.
 *
 * The stream builds one per rejected frame, so it is cheap: it carries no stack frames, and for
 * `syntax` and `schema` its `cause` (the {@link DecodeError}) and message are worked out (the
 * frame scrubbed, then cut) when first read.
 *
 * @example
 * ```ts
 * streamEvents({ ...options, strict: true }).subscribe({
 *   error: (e) => { if (isMessageError(e)) console.error(e.kind, e.cause?.path, e.message); },
 * });
 * ```
 * @see {@link ErrorFields}
 */
export class MessageError extends Error implements ErrorFields<MessageErrorKind> {
  override readonly name = 'MessageError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'MessageError';
  }
  /** Why the frame was rejected. */
  readonly kind: MessageErrorKind;
  /** Never set: a frame has no HTTP status. */
  declare readonly status: undefined;
  /** Never set: a rejected frame does not close the connection (one over `maxMessageSize` does, as a `ConnectionError`). */
  declare readonly closeCode: undefined;
  /** Never set: a frame is not retried. */
  declare readonly attempts: undefined;

  /**
   * @param message - The message; `undefined`, it is the message of `cause`.
   * @param fields - `kind`: why the frame was rejected; `cause`: the decoding failure, for `syntax` and `schema`.
   */
  constructor(message: string | undefined, fields: { readonly kind: MessageErrorKind; readonly cause?: DecodeError });
  /**
   * The stream's own form: `cause` may be built only when first read.
   *
   * @internal
   */
  constructor(message: string | undefined, fields: { readonly kind: MessageErrorKind; readonly cause?: DecodeErrorSource });
  constructor(message: string | undefined, fields: { readonly kind: MessageErrorKind; readonly cause?: DecodeErrorSource }) {
    // Without a message, the accessor below reads the decoding failure's, when asked.
    super(message);
    this.kind = fields.kind;
    // Keyed by a symbol, so that the error's own fields are the same before and after it is read.
    (this as Lazy)[DECODE] = fields.cause;
  }

  /** The decoding failure, a {@link DecodeError}, for `syntax` and `schema`. */
  get cause(): DecodeError | undefined {
    const source = (this as Lazy)[DECODE];
    // A DecodeError has no toDecodeError: only a rejection not yet asked about is turned into one.
    return source !== undefined && 'toDecodeError' in source ? ((this as Lazy)[DECODE] = source.toDecodeError()) : source;
  }

  /** What went wrong, without any credential: for `syntax` and `schema`, the decoding failure's message. */
  override get message(): string {
    return this.cause?.message ?? '';
  }

  /** Replaces the message (test runners rewrite messages); it becomes an ordinary own property. */
  override set message(value: string) {
    // Whoever rewrites the message (test runners do) gets an ordinary own property.
    Object.defineProperty(this, 'message', { value, writable: true });
  }
}

/**
 * Whether `error` is a {@link MessageError}.
 *
 * @example
 * ```ts
 * if (isMessageError(error)) console.error(error.kind);
 * ```
 */
export function isMessageError(error: unknown): error is MessageError {
  return isNamedError<MessageError>(error, 'MessageError');
}
