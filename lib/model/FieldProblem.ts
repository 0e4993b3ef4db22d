// Internal: not exported from the barrel.

/**
 * Why a message is not of the model's shape: the field (a dotted path, `''` for the message
 * itself), what came there, what was expected. A plain value, so that reading a message
 * needs no io-ts context: `decodeEvent` turns it into a `DecodeError`, the codecs into io-ts
 * errors.
 *
 * @internal
 */
export class FieldProblem {
  constructor(
    readonly key: string,
    readonly actual: unknown,
    readonly message: string,
  ) {}
}
