import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/**
 * The options given to `streamEvents` are invalid: thrown at once, when the stream is
 * created, never later from a subscription. The message names the option.
 *
 * @example
 * ```ts
 * try { streamEvents({ url: 'ftp://x' }); } catch (e) { if (isStreamOptionsError(e)) console.error(e.option); }
 * ```
 */
export class StreamOptionsError extends Error {
  override readonly name = 'StreamOptionsError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'StreamOptionsError';
  }

  constructor(
    /** The option at fault, as a dotted path (`retry.maxDelay`). */
    readonly option: string,
    message: string,
  ) {
    super(`Invalid option ${option}: ${message}`);
  }
}

/**
 * Whether `error` is a {@link StreamOptionsError}.
 *
 * @example
 * ```ts
 * if (isStreamOptionsError(error)) console.error(error.option);
 * ```
 */
export function isStreamOptionsError(error: unknown): error is StreamOptionsError {
  return isNamedError<StreamOptionsError>(error, 'StreamOptionsError');
}
