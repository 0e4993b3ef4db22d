import type { AuthError } from '../errors/AuthError.js';
import type { ConnectionError } from '../errors/ConnectionError.js';
import type { HandshakeError } from '../errors/HandshakeError.js';
import type { MessageError } from '../errors/MessageError.js';

/** Counts kept over the life of one subscription. */
export interface StreamCounters {
  /** Connections that opened. */
  readonly connections: number;
  /** Attempts made after the first one. */
  readonly reconnects: number;
  /** Events emitted. */
  readonly events: number;
  /** Frames rejected (malformed, invalid, binary, oversized). */
  readonly rejected: number;
}

/**
 * What the stream is doing, reported to `options.status`. Every status carries the counters
 * as they are at that moment; no status ever contains a credential (URLs are redacted).
 */
export type StreamStatus =
  /** An attempt starts. `attempt` is 0 for the first connection. */
  | { readonly kind: 'connecting'; readonly attempt: number; readonly url: string; readonly counters: StreamCounters }
  /**
   * The connection is open. `reconnected` is true after any earlier connection: the signal to
   * resync, since events sent while disconnected are lost.
   */
  | { readonly kind: 'open'; readonly reconnected: boolean; readonly url: string; readonly counters: StreamCounters }
  /** Tutum's `auth` message arrived: the socket is authenticated. */
  | { readonly kind: 'authenticated'; readonly counters: StreamCounters }
  /** A frame was rejected and counted; the stream goes on. */
  | { readonly kind: 'rejected'; readonly error: MessageError; readonly counters: StreamCounters }
  /** The connection failed; the next attempt starts after `delay` ms. */
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly delay: number;
      readonly error: ConnectionError;
      readonly counters: StreamCounters;
    }
  /** The subscription ended: unsubscribed, completed, or failed with `error`. */
  | {
      readonly kind: 'closed';
      readonly error?: AuthError | HandshakeError | ConnectionError | MessageError;
      readonly counters: StreamCounters;
    };

/** The `kind` of every {@link StreamStatus}. */
export type StreamStatusKind = StreamStatus['kind'];
