/**
 * The credentials the emulator accepts, in every form a Docker Cloud or Tutum client sent
 * them. They are test credentials: derived from the seed unless given, and safe to log.
 *
 * @example
 * ```ts
 * const { user, apiKey, authorization, token } = emulator.credentials;
 * new WebSocket(`${emulator.url}/api/audit/v1/events/`, { headers: { Authorization: authorization } });
 * new WebSocket(`${emulator.url}/v1/events?user=${user}&token=${apiKey}`);
 * new WebSocket(`${emulator.url}/api/audit/v1/events/?auth=${encodeURIComponent(token)}`);
 * ```
 */
export interface EmulatorCredentials {
  /** The user name (`DOCKERCLOUD_USER`). */
  readonly user: string;
  /** The API key (`DOCKERCLOUD_APIKEY`), also accepted as Tutum's `?token=`. */
  readonly apiKey: string;
  /** The namespace the world lives in (`DOCKERCLOUD_NAMESPACE`). */
  readonly namespace: string;
  /** `Basic base64(user:apiKey)`: the `Authorization` header value of the SDKs. */
  readonly authorization: string;
  /**
   * A verbatim `Authorization` value of the kind Docker Cloud gave the containers it deployed
   * (`DOCKERCLOUD_AUTH`): `TutumAccessKey <key>`. Accepted as a header or as `?auth=`.
   */
  readonly token: string;
}
