import type { ErrorFields } from './ErrorFields.js';
import { ERROR_BRAND, isNamedError } from './isNamedError.js';

/** What failed: always `options`, an invalid option (as an `EmulatorError` of kind `options`). */
export type StreamOptionsErrorKind = 'options';

/**
 * The options given to `streamEvents` (or `watchResources`) are invalid: thrown at once, when
 * the stream is created, never later from a subscription. The message names the option
 * (`Invalid option retry.maxDelay: …`), and so does `option`.
 *
 * @example
 * ```ts
 * try { streamEvents({ url: 'ftp://x' }); } catch (e) { if (isStreamOptionsError(e)) console.error(e.option); }
 * ```
 * @see {@link ErrorFields}
 */
export class StreamOptionsError extends Error implements ErrorFields<StreamOptionsErrorKind> {
  override readonly name = 'StreamOptionsError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'StreamOptionsError';
  }

  /** Always `options`. */
  readonly kind: StreamOptionsErrorKind = 'options';
  /** The option at fault, as a dotted path (`retry.maxDelay`). */
  readonly option: string;
  /** Never set. */
  declare readonly status: undefined;
  /** Never set. */
  declare readonly closeCode: undefined;
  /** Never set. */
  declare readonly attempts: undefined;
  /** Never set. */
  declare readonly cause: undefined;

  constructor(message: string, fields: { readonly option: string }) {
    super(message);
    this.option = fields.option;
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
