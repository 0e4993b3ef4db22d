import { randomBytes } from 'node:crypto';
import type { EmulatorCredentials } from './EmulatorCredentials.js';
import type { PresentedCredentials } from './readCredentials.js';

/** What checking presented credentials found. */
export type AccessCheck = 'ok' | 'missing' | 'invalid';

/**
 * The account's current credentials, and whether they are revoked. Every handshake and REST
 * request is checked here, so a rotation or a revocation applies to the next one at once.
 *
 * @internal
 */
export class AccessControl {
  private current: EmulatorCredentials;
  private accessKey: string;
  private revoked = false;

  constructor(user: string, apiKey: string, namespace: string, accessKey: string) {
    this.accessKey = accessKey;
    this.current = build(user, apiKey, namespace, accessKey);
  }

  get credentials(): EmulatorCredentials {
    return this.current;
  }

  get isRevoked(): boolean {
    return this.revoked;
  }

  check(presented: PresentedCredentials): AccessCheck {
    if (presented.kind === 'none') return 'missing';
    if (this.revoked || presented.kind === 'malformed') return 'invalid';
    if (presented.kind === 'token') return presented.token === this.accessKey ? 'ok' : 'invalid';
    return presented.user === this.current.user && presented.apiKey === this.current.apiKey ? 'ok' : 'invalid';
  }

  revoke(): void {
    this.revoked = true;
  }

  restore(): void {
    this.revoked = false;
  }

  /** New API key and access key; the old ones stop working. Also lifts a revocation. */
  rotate(): EmulatorCredentials {
    this.accessKey = randomBytes(20).toString('hex');
    this.current = build(this.current.user, randomBytes(16).toString('hex'), this.current.namespace, this.accessKey);
    this.revoked = false;
    return this.current;
  }
}

function build(user: string, apiKey: string, namespace: string, accessKey: string): EmulatorCredentials {
  return Object.freeze({
    user,
    apiKey,
    namespace,
    authorization: `Basic ${Buffer.from(`${user}:${apiKey}`, 'utf8').toString('base64')}`,
    token: `TutumAccessKey ${accessKey}`,
  });
}
