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
 * const code: EmulatorErrorCode = 'fault';
 * ```
 */
export type EmulatorErrorCode = 'options' | 'listen' | 'fault' | 'recording' | 'replay' | 'stopped' | 'internal';

/**
 * An error of the local emulator. Its message names the option, fault or file at fault and
 * never holds a credential.
 *
 * @example
 * ```ts
 * try {
 *   await startEmulator({ rate: -1 });
 * } catch (e) {
 *   if (isEmulatorError(e) && e.code === 'options') console.error(e.option); // 'rate'
 * }
 * ```
 * @see {@link isEmulatorError}
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';

  /** The brand the guards read, shared by every copy of the package. @internal */
  get [ERROR_BRAND](): string {
    return 'EmulatorError';
  }

  constructor(
    /** The kind of failure. */
    readonly code: EmulatorErrorCode,
    message: string,
    /** The option at fault, as a dotted path (`world.stacks`), for code `options`. */
    readonly option?: string,
    /** The underlying error (a Node system error for `listen`, `recording`, `replay`). */
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * Whether `error` is an {@link EmulatorError}.
 *
 * @example
 * ```ts
 * startEmulator({ port: 80 }).catch((e) => { if (isEmulatorError(e) && e.code === 'listen') console.error(e.message); });
 * ```
 */
export function isEmulatorError(error: unknown): error is EmulatorError {
  return isNamedError<EmulatorError>(error, 'EmulatorError');
}
