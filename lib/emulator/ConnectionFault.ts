import { EmulatorError } from './EmulatorError.js';

/**
 * A bad frame the emulator can send:
 * - `json`: text that is not JSON (a truncated event);
 * - `shape`: JSON of the wrong shape (a `container` event whose `action` and `parents` are wrong);
 * - `binary`: a binary frame (holding a valid event's bytes);
 * - `oversized`: a valid event padded past 1 MiB, the clients' default `maxMessageSize`.
 *
 * @example
 * ```ts
 * const frames: MalformedFrame[] = ['json', 'binary'];
 * emulator.faults.next({ kind: 'malformed', frames, every: 5, count: Infinity });
 * ```
 */
export type MalformedFrame = 'json' | 'shape' | 'binary' | 'oversized';

/**
 * Terminate the TCP connection, without a close frame (the client sees 1006), once
 * `afterMessages` more messages have been sent and flushed.
 *
 * @example
 * ```ts
 * emulator.faults.next({ kind: 'drop', afterMessages: 5 });
 * ```
 */
export interface DropFault {
  readonly kind: 'drop';
  /** Messages (data frames of any kind) to send first. Default 0: at once. */
  readonly afterMessages?: number;
}

/**
 * Close the connection with a chosen code once `afterMessages` more messages have been sent.
 *
 * @example
 * ```ts
 * emulator.connections[0]!.inject({ kind: 'close', code: 1011, reason: 'upstream restart' });
 * ```
 */
export interface CloseFault {
  readonly kind: 'close';
  /** The close code: 1000–1003, 1007–1014 or 3000–4999. Default 1000. */
  readonly code?: number;
  /** The close reason, at most 123 bytes. Default empty. */
  readonly reason?: string;
  /** Messages to send first. Default 0: at once. */
  readonly afterMessages?: number;
}

/**
 * Stall the connection once `afterMessages` more messages have been sent: the server stops
 * sending (the events it would have sent are lost, counted in `eventsMissed`), stops reading
 * (so pings go unanswered), and stops pinging — the silent stall users reported. The TCP
 * connection stays open.
 *
 * @example
 * ```ts
 * emulator.faults.next({ kind: 'stall', afterMessages: 3, duration: 10_000 });
 * ```
 */
export interface StallFault {
  readonly kind: 'stall';
  /** Messages to send first. Default 0: at once. */
  readonly afterMessages?: number;
  /** How long the stall lasts, in ms; afterwards the connection works again. Default: forever. */
  readonly duration?: number;
}

/**
 * Interleave bad frames with the events: one after every `every` events, `count` times,
 * cycling through `frames`.
 *
 * @example
 * ```ts
 * emulator.faults.next({ kind: 'malformed', frames: ['json', 'shape', 'binary'], every: 2, count: 3 });
 * ```
 */
export interface MalformedFault {
  readonly kind: 'malformed';
  /** The bad frames to send, in turn. Default `'json'`. */
  readonly frames?: MalformedFrame | readonly MalformedFrame[];
  /** Events between two bad frames (the first comes after this many). Default 1. */
  readonly every?: number;
  /** How many bad frames in all (`Infinity` for no end). Default 1. */
  readonly count?: number;
}

/**
 * Send an in-band `{"type":"error","data":{"errorMessage":…}}`, then close, once
 * `afterMessages` more messages have been sent.
 *
 * @example
 * ```ts
 * emulator.faults.next({ kind: 'error', errorMessage: 'UNAUTHORIZED', code: 1008 });
 * ```
 */
export interface ErrorFault {
  readonly kind: 'error';
  /** The `errorMessage`. Default `'Internal server error'`. */
  readonly errorMessage?: string;
  /** Close after sending it. Default `true`. */
  readonly close?: boolean;
  /** The close code. Default 1011. */
  readonly code?: number;
  /** Messages to send first. Default 0: at once. */
  readonly afterMessages?: number;
}

/**
 * A fault of one stream connection, injected into a live one (`connection.inject`) or into
 * the next ones (`emulator.faults.next`). "Messages" count every data frame the server sends
 * on the connection from the injection on: events, Tutum's `auth`, bad frames.
 *
 * @example
 * ```ts
 * emulator.faults.next([{ kind: 'malformed', frames: 'json' }, { kind: 'drop', afterMessages: 10 }]);
 * ```
 */
export type ConnectionFault = DropFault | CloseFault | StallFault | MalformedFault | ErrorFault;

const FRAMES = new Set(['json', 'shape', 'binary', 'oversized']);

function count(value: number | undefined, name: string, min: number, allowInfinity = false): number | undefined {
  if (value === undefined) return undefined;
  const ok = typeof value === 'number' && value >= min && (Number.isInteger(value) || (allowInfinity && value === Infinity));
  if (!ok)
    throw new EmulatorError(`${name} must be a whole number >= ${min}${allowInfinity ? ' or Infinity' : ''}, got ${String(value)}`, {
      kind: 'fault',
    });
  return value;
}

/**
 * Whether `code` may be sent in a close frame.
 *
 * @internal
 */
export function isSendableCloseCode(code: number): boolean {
  return Number.isInteger(code) && ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999));
}

/**
 * Checks a fault, throwing an {@link EmulatorError} (`fault`) that names what is wrong.
 *
 * @internal
 */
export function checkFault(fault: ConnectionFault): void {
  if (typeof fault !== 'object' || fault === null) throw new EmulatorError('a fault must be an object with a kind', { kind: 'fault' });
  switch (fault.kind) {
    case 'drop':
      count(fault.afterMessages, 'drop.afterMessages', 0);
      return;
    case 'close':
    case 'error':
      count(fault.afterMessages, `${fault.kind}.afterMessages`, 0);
      if (fault.code !== undefined && !isSendableCloseCode(fault.code)) {
        throw new EmulatorError(
          `${fault.kind}.code ${String(fault.code)} cannot be sent in a close frame (1005 and 1006 never can: use a drop)`,
          { kind: 'fault' },
        );
      }
      if (fault.kind === 'close' && fault.reason !== undefined && Buffer.byteLength(fault.reason) > 123) {
        throw new EmulatorError('close.reason must be at most 123 bytes', { kind: 'fault' });
      }
      return;
    case 'stall':
      count(fault.afterMessages, 'stall.afterMessages', 0);
      if (fault.duration !== undefined && !(typeof fault.duration === 'number' && fault.duration > 0)) {
        throw new EmulatorError('stall.duration must be a positive number of ms', { kind: 'fault' });
      }
      return;
    case 'malformed': {
      count(fault.every, 'malformed.every', 1);
      count(fault.count, 'malformed.count', 1, true);
      const frames = fault.frames === undefined ? [] : typeof fault.frames === 'string' ? [fault.frames] : fault.frames;
      if (
        !Array.isArray(frames) ||
        (fault.frames !== undefined && frames.length === 0) ||
        frames.some((frame: unknown) => typeof frame !== 'string' || !FRAMES.has(frame))
      ) {
        throw new EmulatorError('malformed.frames must be one or more of json, shape, binary, oversized', { kind: 'fault' });
      }
      return;
    }
    default:
      throw new EmulatorError(`unknown fault kind ${JSON.stringify((fault as { kind?: unknown }).kind)}`, { kind: 'fault' });
  }
}
