/**
 * What the emulator hands its own dashboard page (`GET /dashboard/session`): the account to
 * stream, and its credentials, which the page keeps in memory only.
 */
export interface DashboardSession {
  readonly user: string;
  readonly apiKey: string;
  readonly namespace: string;
}

/** The session could not be had: the emulator refused it, or answered something else. */
export class SessionError extends Error {
  override readonly name = 'SessionError';
}

/**
 * Asks the emulator serving the page for the session, same origin, never cached.
 *
 * @throws {@link SessionError} when the emulator refuses or the answer is not a session.
 * @example
 * ```ts
 * const session = await fetchSession(new URL('session', location.href).href);
 * ```
 */
export async function fetchSession(url: string): Promise<DashboardSession> {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error =
      typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : '';
    throw new SessionError(`the emulator refused the dashboard's session (HTTP ${response.status})${error === '' ? '' : `: ${error}`}`);
  }
  const session = body as Partial<DashboardSession> | undefined;
  if (typeof session?.user !== 'string' || typeof session.apiKey !== 'string' || typeof session.namespace !== 'string') {
    throw new SessionError('the emulator answered the session request with something else');
  }
  return { user: session.user, apiKey: session.apiKey, namespace: session.namespace };
}
