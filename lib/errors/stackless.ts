// Internal: not exported from the barrels.

/**
 * Runs `work()` with V8's (and JavaScriptCore's) stack capture turned off, and turns it
 * back on before returning or throwing. Capturing a stack is most of what an `Error` costs, and
 * a server flooding malformed or wrong-shape frames makes the stream build one per frame: the
 * `SyntaxError` of `JSON.parse` and the errors that describe the rejection. Their stacks would
 * only point inside the socket's message handler, so they are not worth the CPU.
 *
 * Safe because `work` is the library's own synchronous code (or `JSON.parse` without a reviver),
 * which runs no user code while the limit is 0. Where the limit does not exist or cannot be
 * written (a frozen `Error`), `work` simply runs with stacks.
 *
 * @internal
 */
export function stackless<R>(work: () => R): R {
  const E = Error as { stackTraceLimit?: number };
  const limit = E.stackTraceLimit;
  if (typeof limit !== 'number') return work();
  try {
    E.stackTraceLimit = 0;
  } catch {
    return work();
  }
  try {
    return work();
  } finally {
    E.stackTraceLimit = limit;
  }
}
