import { STATUS_CODES } from 'node:http';
import { checkFault, isSendableCloseCode, type ConnectionFault } from './ConnectionFault.js';
import type { AccessControl } from './AccessControl.js';
import type { Connection } from './Connection.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';
import { EmulatorError } from './EmulatorError.js';
import type { DropAllOptions, FaultControls, HandshakeDelay, HandshakeRefusal, RevocationMode } from './FaultControls.js';

interface Budget {
  count: number;
  readonly until: number;
}

function budget(count: number | undefined, duration: number | undefined, what: string): Budget {
  if (count !== undefined && !(Number.isInteger(count) && count >= 1))
    throw new EmulatorError(`${what}.count must be a whole number >= 1`, { kind: 'fault' });
  if (duration !== undefined && !(typeof duration === 'number' && duration > 0))
    throw new EmulatorError(`${what}.duration must be a positive number of ms`, { kind: 'fault' });
  return { count: count ?? Infinity, until: duration === undefined ? Infinity : Date.now() + duration };
}

function spend(b: Budget | undefined): boolean {
  if (b === undefined || b.count <= 0 || Date.now() >= b.until) return false;
  b.count--;
  return true;
}

/** What the server needs from the emulator to apply faults. */
export interface FaultTarget {
  readonly access: AccessControl;
  /** The live connections. */
  connections(): readonly Connection[];
  /** Sent to connections closed by a revocation, in mode `in-band`. */
  readonly unauthorized: object;
}

/**
 * The state behind {@link FaultControls}: pending faults of the next connections, handshake
 * refusals and delays. The server asks it at each handshake.
 *
 * @internal
 */
export class FaultInjector implements FaultControls {
  private pending: { faults: readonly ConnectionFault[]; left: number }[] = [];
  private refusal: (Budget & { readonly status: number; readonly retryAfter: number | undefined }) | undefined;
  private delay: (Budget & { readonly delay: number }) | undefined;

  constructor(private readonly target: FaultTarget) {}

  next(fault: ConnectionFault | readonly ConnectionFault[], options: { readonly count?: number } = {}): void {
    const faults: readonly ConnectionFault[] = Array.isArray(fault) ? fault : [fault as ConnectionFault];
    faults.forEach(checkFault);
    const count = options.count ?? 1;
    if (!(Number.isInteger(count) && count >= 1)) throw new EmulatorError('next: count must be a whole number >= 1', { kind: 'fault' });
    this.pending.push({ faults, left: count });
  }

  refuseHandshakes(refusal: HandshakeRefusal = {}): void {
    const status = refusal.status ?? 503;
    if (!Number.isInteger(status) || status < 400 || status > 599 || STATUS_CODES[status] === undefined) {
      throw new EmulatorError(`refuseHandshakes.status must be a 4xx or 5xx HTTP status, got ${String(status)}`, { kind: 'fault' });
    }
    if (refusal.retryAfter !== undefined && !(Number.isInteger(refusal.retryAfter) && refusal.retryAfter >= 0)) {
      throw new EmulatorError('refuseHandshakes.retryAfter must be a whole number of seconds', { kind: 'fault' });
    }
    this.refusal = { ...budget(refusal.count, refusal.duration, 'refuseHandshakes'), status, retryAfter: refusal.retryAfter };
  }

  delayHandshakes(delay: HandshakeDelay): void {
    if (!(typeof delay?.delay === 'number' && delay.delay >= 0))
      throw new EmulatorError('delayHandshakes.delay must be a number of ms >= 0 (or Infinity)', { kind: 'fault' });
    this.delay = { ...budget(delay.count, delay.duration, 'delayHandshakes'), delay: delay.delay };
  }

  revokeCredentials(mode: RevocationMode = 'in-band'): void {
    if (mode !== 'in-band' && mode !== 'close' && mode !== 'keep')
      throw new EmulatorError(`unknown revocation mode ${JSON.stringify(mode)}`, { kind: 'fault' });
    this.target.access.revoke();
    if (mode === 'keep') return;
    for (const connection of this.target.connections()) {
      if (mode === 'in-band') connection.sendControl(this.target.unauthorized);
      connection.close(1008, 'Unauthorized');
    }
  }

  restoreCredentials(): void {
    this.target.access.restore();
  }

  rotateCredentials(): EmulatorCredentials {
    return this.target.access.rotate();
  }

  dropAll(options: DropAllOptions = {}): number {
    const mode = options.mode ?? 'terminate';
    const code = options.code ?? 1001;
    if (mode === 'close' && !isSendableCloseCode(code))
      throw new EmulatorError(`dropAll.code ${code} cannot be sent in a close frame`, { kind: 'fault' });
    const connections = this.target.connections().filter((connection) => connection.state !== 'closed');
    for (const connection of connections) {
      if (mode === 'close') connection.close(code, 'Going away');
      else connection.terminate();
    }
    return connections.length;
  }

  clear(): void {
    this.pending = [];
    this.refusal = undefined;
    this.delay = undefined;
  }

  /** The refusal the next handshake gets, if any (spending one). */
  takeRefusal(): { status: number; headers: Record<string, string> } | undefined {
    const refusal = this.refusal;
    if (!spend(refusal)) return undefined;
    return { status: refusal!.status, headers: refusal!.retryAfter === undefined ? {} : { 'Retry-After': String(refusal!.retryAfter) } };
  }

  /** How long to hold the next handshake, if at all (spending one). */
  takeDelay(): number | undefined {
    return spend(this.delay) ? this.delay!.delay : undefined;
  }

  /** The faults of the connection being accepted (spending one of each pending entry). */
  takeConnectionFaults(): ConnectionFault[] {
    const faults = this.pending.flatMap((entry) => entry.faults);
    for (const entry of this.pending) entry.left--;
    this.pending = this.pending.filter((entry) => entry.left > 0);
    return faults;
  }
}
