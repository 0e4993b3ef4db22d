import type { ErrorFields } from '../errors/ErrorFields.js';
import { ERROR_BRAND, isNamedError } from '../errors/isNamedError.js';

/** Why a message did not decode: not JSON at all (`syntax`), or JSON of the wrong shape (`schema`). */
export type DecodeErrorKind = 'syntax' | 'schema';

/** How many characters of the raw message an error quotes. */
export const EXCERPT_LENGTH = 160;

/**
 * A message that could not be decoded. It names the failing path and quotes the start of the
 * raw message; it never holds more of the message than 160 characters.
 * Built by the stream for a rejected frame, it quotes the frame scrubbed of credentials (the
 * whole frame, then cut), and carries no stack frames.
 *
 * @example
 * ```ts
 * const result = decodeEvent('{"type":"container","action":"boot"}');
 * if (isLeft(result)) console.log(result.left.kind, result.left.path); // "schema" "action"
 * ```
 * @see {@link ErrorFields}
 */
export class DecodeError extends Error implements ErrorFields<DecodeErrorKind> {
  override readonly name = 'DecodeError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'DecodeError';
  }

  /** Never set: a message has no HTTP status. */
  declare readonly status: undefined;
  /** Never set. */
  declare readonly closeCode: undefined;
  /** Never set. */
  declare readonly attempts: undefined;
  /** Never set: `JSON.parse`'s own error is summed up in `detail`. */
  declare readonly cause: undefined;

  constructor(
    /** `syntax` for malformed JSON, `schema` for a message of the wrong shape. */
    readonly kind: DecodeErrorKind,
    /** The dotted path of the failing field (`parents.2`), empty for the message itself. */
    readonly path: string,
    /** What was expected there. */
    readonly detail: string,
    /** The start of the raw message, truncated to 160 characters. */
    readonly excerpt: string,
  ) {
    super(
      kind === 'syntax'
        ? `Malformed JSON (${detail}) in message: ${excerpt}`
        : `Invalid message at ${path === '' ? 'the top level' : path}: ${detail} in message: ${excerpt}`,
    );
  }
}

/**
 * Whether `error` is a {@link DecodeError}.
 *
 * @example
 * ```ts
 * status$.subscribe((s) => { if (isDecodeError(s.error)) console.warn(s.error.path); });
 * ```
 */
export function isDecodeError(error: unknown): error is DecodeError {
  return isNamedError<DecodeError>(error, 'DecodeError');
}

/** The raw message cut to `EXCERPT_LENGTH` (160) characters, marked with `…` when cut. */
export function excerptOf(raw: string): string {
  return raw.length > EXCERPT_LENGTH ? `${raw.slice(0, EXCERPT_LENGTH)}…` : raw;
}
