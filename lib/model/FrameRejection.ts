// Internal: not exported from the barrels.
import { DecodeError, type DecodeErrorKind } from './DecodeError.js';
import { stackless } from '../errors/stackless.js';

/**
 * A frame that did not decode, before anyone asked for its {@link DecodeError}: what the
 * stream's hot path builds per rejected frame (a plain object, where an `Error` costs a
 * construction that no stack limit makes cheap). `texts` works out the error's `detail` and
 * `excerpt` (scrubbed), once someone asks.
 *
 * @internal
 */
export class FrameRejection {
  constructor(
    readonly kind: DecodeErrorKind,
    readonly path: string,
    readonly texts: () => readonly [detail: string, excerpt: string],
  ) {}

  /** The {@link DecodeError} of this rejection, built without a stack. */
  toDecodeError(): DecodeError {
    return stackless(() => new DecodeError(this.kind, this.path, ...this.texts()));
  }
}
