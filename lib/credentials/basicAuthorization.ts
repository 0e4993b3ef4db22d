/**
 * The `Authorization` value of HTTP Basic for a user and an API key: `Basic ` and the base64
 * of the UTF-8 of `user:key` (with `btoa`, so that it runs in a browser too).
 *
 * @example
 * ```ts
 * basicAuthorization('me', 'k3y'); // 'Basic bWU6azN5'
 * ```
 * @see {@link credentialForms}
 */
export function basicAuthorization(user: string, apiKey: string): string {
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${apiKey}`)))}`;
}
