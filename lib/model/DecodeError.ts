/** Why a message did not decode: not JSON at all, or JSON of the wrong shape. */
export type DecodeErrorReason = 'syntax' | 'schema';

/** How many characters of the raw message an error quotes. */
export const EXCERPT_LENGTH = 160;

/**
 * The texts of a {@link DecodeError} that quote the message.
 *
 * @internal
 */
export interface DecodeTexts {
  readonly detail: string;
  readonly excerpt: string;
}

const TEXTS: unique symbol = Symbol('texts');

/**
 * A message that could not be decoded. It names the failing path and quotes the start of the
 * raw message; it never holds more of the message than {@link EXCERPT_LENGTH} characters.
 *
 * Built by the stream for every rejected frame, it is cheap: its texts (`detail`, `excerpt`,
 * `message`) are worked out, with every credential scrubbed from the whole frame before it is
 * cut, when one of them is first read; and it carries no stack frames.
 *
 * @example
 * ```ts
 * const result = decodeEvent('{"type":"container","action":"boot"}');
 * if (isLeft(result)) console.log(result.left.path); // "action"
 * ```
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** `syntax` for malformed JSON, `schema` for a message of the wrong shape. */
  readonly reason: DecodeErrorReason;
  /** The dotted path of the failing field (`parents.2`), empty for the message itself. */
  readonly path: string;
  // The texts, or the function that works them out from the frame (held in its closure only,
  // so that no property ever exposes the unscrubbed frame). Keyed by a symbol: an error
  // compared or serialised field by field shows the same fields whether its texts were read or not.
  private [TEXTS]: DecodeTexts | (() => DecodeTexts);

  /**
   * @param reason `syntax` or `schema`.
   * @param path The dotted path of the failing field, `''` for the message itself.
   * @param detail What was expected there.
   * @param excerpt The start of the raw message, already cut (see {@link excerptOf}).
   */
  constructor(reason: DecodeErrorReason, path: string, detail: string, excerpt: string);
  /** @internal The texts are worked out by `texts` when first read. */
  constructor(reason: DecodeErrorReason, path: string, texts: () => DecodeTexts);
  constructor(reason: DecodeErrorReason, path: string, detail: string | (() => DecodeTexts), excerpt = '') {
    // No message here: it is read through the accessor below, from the texts.
    super();
    this.reason = reason;
    this.path = path;
    this[TEXTS] = typeof detail === 'string' ? { detail, excerpt } : detail;
  }

  /** What was expected at {@link DecodeError.path}, and what came there. */
  get detail(): string {
    return this.read().detail;
  }

  /** The start of the raw message, truncated to {@link EXCERPT_LENGTH} characters (and marked `…`). */
  get excerpt(): string {
    return this.read().excerpt;
  }

  override get message(): string {
    const { detail, excerpt } = this.read();
    return this.reason === 'syntax'
      ? `Malformed JSON (${detail}) in message: ${excerpt}`
      : `Invalid message at ${this.path === '' ? 'the top level' : this.path}: ${detail} in message: ${excerpt}`;
  }

  override set message(message: string) {
    // Whoever rewrites the message (test runners do) gets an ordinary own property.
    Object.defineProperty(this, 'message', { value: message, writable: true, configurable: true });
  }

  /** The error as JSON, with its texts (an `Error`'s own fields would leave them out). */
  toJSON(): { name: string; reason: DecodeErrorReason; path: string; detail: string; excerpt: string; message: string } {
    return { name: this.name, reason: this.reason, path: this.path, detail: this.detail, excerpt: this.excerpt, message: this.message };
  }

  private read(): DecodeTexts {
    let texts = this[TEXTS];
    if (typeof texts === 'function') {
      texts = texts();
      // The frame is dropped with the function: only its scrubbed excerpt is kept.
      this[TEXTS] = texts;
    }
    return texts;
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
  return error instanceof DecodeError;
}

/** The raw message cut to {@link EXCERPT_LENGTH} characters, marked with `…` when cut. */
export function excerptOf(raw: string): string {
  return raw.length > EXCERPT_LENGTH ? `${raw.slice(0, EXCERPT_LENGTH)}…` : raw;
}
