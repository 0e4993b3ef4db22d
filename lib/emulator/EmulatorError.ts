import type { ErrorFields } from '../errors/ErrorFields.js';
import { ERROR_BRAND, isNamedError } from '../errors/isNamedError.js';

/**
 * What went wrong in the emulator:
 * - `options`: an option of `startEmulator` is invalid (see {@link EmulatorError.option});
 * - `listen`: the server could not listen (port in use, permission);
 * - `fault`: a fault given to `faults` or `inject` is invalid;
 * - `recording`: a recording could not be started or written;
 * - `replay`: a recording to replay could not be read or is malformed;
 * - `stopped`: the emulator was used after `stop()`;
 * - `internal`: the simulation broke one of its own rules (a bug).
 *
 * @example
 * ```ts
 * const kind: EmulatorErrorKind = 'fault';
 * ```
 */
export type EmulatorErrorKind = 'options' | 'listen' | 'fault' | 'recording' | 'replay' | 'stopped' | 'internal';

/**
 * An error of the local emulator. Its message names the option, fault or file at fault and
 * never holds a credential.
 *
 * @example
 * ```ts
 * try {
 *   await startEmulator({ rate: -1 });
 * } catch (e) {
 *   if (isEmulatorError(e) && e.kind === 'options') console.error(e.option); // 'rate'
 * }
 * ```
 * @see {@link isEmulatorError}, {@link ErrorFields}
 */
export class EmulatorError extends Error implements ErrorFields<EmulatorErrorKind> {
  override readonly name = 'EmulatorError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'EmulatorError';
  }

  /** What went wrong. */
  readonly kind: EmulatorErrorKind;
  /** The option at fault, as a dotted path (`world.stacks`), for kind `options`. */
  readonly option: string | undefined;
  /** The underlying error (a Node system error for `listen`, `recording`, `replay`). */
  readonly cause: unknown;
  /** Never set: the emulator is the server. */
  declare readonly status: undefined;
  /** Never set. */
  declare readonly closeCode: undefined;
  /** Never set. */
  declare readonly attempts: undefined;

  constructor(message: string, fields: { readonly kind: EmulatorErrorKind; readonly option?: string; readonly cause?: unknown }) {
    super(message);
    this.kind = fields.kind;
    this.option = fields.option;
    this.cause = fields.cause;
  }
}

/**
 * Whether `error` is an {@link EmulatorError}.
 *
 * @example
 * ```ts
 * startEmulator({ port: 80 }).catch((e) => { if (isEmulatorError(e) && e.kind === 'listen') console.error(e.message); });
 * ```
 */
export function isEmulatorError(error: unknown): error is EmulatorError {
  return isNamedError<EmulatorError>(error, 'EmulatorError');
}
