/**
 * The fields every error class of the library has, under the same names in every class, so
 * that one piece of code can log or sort any of them (`${error.name}/${error.kind}`). Each
 * class implements it, so the compiler holds every class to these names; a field that does
 * not apply to a class is typed `undefined` there (a `DecodeError` never has an HTTP status).
 *
 * Why these names:
 * - `kind`, not `code`: Node's errors use `code` for system identifiers (`ECONNREFUSED`), and a
 *   WebSocket close code is a `code` too; the library's statuses and faults already name their
 *   variant `kind`.
 * - `status`, as the Fetch API's `Response.status` (and ky's `error.response.status`): the
 *   REST layer reads it there.
 * - `closeCode`, the `code` of the WebSocket close event, named so that it cannot be taken
 *   for a `kind` or an HTTP status.
 * - `cause`, the standard (ES2022) field for the underlying error. A socket's or `fetch`'s
 *   own error is never kept as a cause: its text may quote a URL with a credential, so only
 *   the library's scrubbed message tells of it.
 *
 * Other fields belong to one idea and keep one name wherever it appears: `option` (the option at
 * fault, on `StreamOptionsError` and `EmulatorError`), `path`, `detail`, `excerpt` (on
 * `DecodeError`). No field and no message holds a credential; URLs in messages are redacted.
 *
 * @typeParam Kind - The class's string-literal union naming what failed.
 *
 * @example
 * ```ts
 * const describe = (error: ErrorFields): string =>
 *   `${error.name}/${error.kind}${error.status === undefined ? '' : ` HTTP ${error.status}`}: ${error.message}`;
 * ```
 */
export interface ErrorFields<Kind extends string = string> {
  /** The class's name (`'ConnectionError'`), which its guard reads with a brand. */
  readonly name: string;
  /** What went wrong, without any credential. */
  readonly message: string;
  /** What failed, one of the class's string literals (`ConnectionError`: `'stalled'`, …). */
  readonly kind: Kind;
  /** The HTTP status of the answer at fault (a refused handshake, a REST answer), when there was one. */
  readonly status: number | undefined;
  /** The WebSocket close code, when the server closed the connection. */
  readonly closeCode: number | undefined;
  /** How many consecutive attempts had failed when the stream or the watch gave up, when it did. */
  readonly attempts: number | undefined;
  /** The underlying error, when there is one that holds no credential. */
  readonly cause: unknown;
}
