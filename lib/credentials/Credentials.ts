/**
 * The credentials of a connection, in any of the shapes the library and the command line take
 * them: an API key with its user, or a verbatim `Authorization` value, or both.
 *
 * @example
 * ```ts
 * const credentials: Credentials = { user: 'me', apiKey: process.env.DOCKERCLOUD_APIKEY };
 * ```
 * @see {@link credentialForms}
 */
export interface Credentials {
  /** The user the key belongs to: not a secret, but it shapes the Basic encoding. */
  readonly user?: string | undefined;
  /** The API key (or password). */
  readonly apiKey?: string | undefined;
  /** A verbatim `Authorization` value: `Basic <base64>`, `TutumAccessKey <token>`, `ApiKey user:key`… */
  readonly authorization?: string | undefined;
}
