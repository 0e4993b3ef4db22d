// Internal: not exported from the barrels.

/**
 * The brand of the library's error classes: a getter on each class's prototype that answers the
 * class's name. An app that loads both the ESM and the CommonJS build (a tool and its tests, a
 * bundler that mixes them) holds two copies of every class, so `instanceof` says no to the
 * other copy's errors. The key comes from the global symbol registry (`Symbol.for`), which
 * every copy and every realm of the process shares, so both copies read the same brand.
 *
 * Why a brand rather than ky's `name` check: a `name` is an ordinary string that any library
 * (or a server's JSON turned into an Error) can set, so a plain `Error` named 'AuthError' would
 * pass; the registry key is ours alone. Why on the prototype rather than on each instance: the
 * stream builds a `MessageError` per rejected frame, and a prototype getter costs nothing per
 * instance, adds no own property (the errors print and compare as before), and needs no
 * statement outside the class (bundlers still drop unused classes).
 *
 * A class whose fields change incompatibly must change its brand's value too, so that an older
 * copy's guard does not vouch for fields it does not know.
 *
 * @internal
 */
// `unique symbol`, not `symbol`: with a plain `symbol` key, the declaration emitter writes the
// getter as a property and drops its `@internal`, so stripInternal would publish it.
export const ERROR_BRAND: unique symbol = Symbol.for('dockercloud-rx.error');

/**
 * Whether `error` carries the brand of the library's error class named `name`, from this copy
 * of the package or any other: the one check behind every `is…Error` guard.
 *
 * @example
 * ```ts
 * const isAuth = isNamedError<AuthError>(error, 'AuthError');
 * ```
 * @internal
 */
export function isNamedError<E extends Error>(error: unknown, name: E['name']): error is E {
  // Reading a property of a non-object would throw for null and undefined; other primitives have no brand.
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[ERROR_BRAND] === name;
}
