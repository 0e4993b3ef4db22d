import { config, Observable, type Subscription } from 'rxjs';
import { AuthError } from '../errors/AuthError.js';
import { ConnectionError } from '../errors/ConnectionError.js';
import { HandshakeError } from '../errors/HandshakeError.js';
import { MessageError, type DecodeErrorSource } from '../errors/MessageError.js';
import type { CloudEvent } from '../model/CloudEvent.js';
import { stackless } from '../errors/stackless.js';
import { readFrame } from '../model/decodeEvent.js';
import { FrameRejection } from '../model/FrameRejection.js';
import type { ResolvedStreamOptions } from './resolveStreamOptions.js';
import type { StreamCounters, StreamStatus } from './StreamStatus.js';
import type { WebSocketLike } from './WebSocketLike.js';
import { backoffDelay } from './backoffDelay.js';

type FatalError = AuthError | HandshakeError | ConnectionError | MessageError;

const OPEN = 1;
const CLOSED = 3;
// How long a socket we closed may take to finish its close handshake before it is dropped.
const CLOSE_GRACE = 1000;
const HANDSHAKE_STATUS = /Unexpected server response: (\d{3})/;
const UNAUTHORIZED = /unauthori[sz]ed/i;
// A connection that closes sooner than this without delivering a message is a failure, however
// short `resetAfter` is.
const SHORT_LIVED = 1000;

// Handlers left on a socket we are done with: `ws` throws on an 'error' event nobody listens to.
const ignore = (): void => undefined;

function errorText(event: unknown): string {
  const { message, error } = Object(event) as { message?: unknown; error?: unknown };
  // A non-empty message, else the error's.
  if (typeof message === 'string' && message) return message;
  return error instanceof Error ? error.message : '';
}

// An ArrayBuffer's or a view's byteLength, a Blob's size.
function byteLength(data: unknown): number {
  const { byteLength, size } = Object(data) as { byteLength?: unknown; size?: unknown };
  return typeof byteLength === 'number' ? byteLength : typeof size === 'number' ? size : 0;
}

/**
 * The connection loop behind `streamEvents`: one socket at a time, reconnected with
 * full-jitter backoff, watched for stalls, every frame decoded. Each subscription runs its own
 * loop with its own state.
 */
export function eventStream(o: ResolvedStreamOptions): Observable<CloudEvent> {
  return new Observable<CloudEvent>((subscriber) => {
    const { scheduler, retry } = o;
    let connections = 0;
    let reconnects = 0;
    let events = 0;
    let rejected = 0;
    // Consecutive failed attempts since the last healthy connection.
    let failures = 0;
    let socket: WebSocketLike | undefined;
    // At most one timer runs at a time: the connect timeout, the stall watchdog, or the retry delay.
    let timer: Subscription | undefined;
    let attemptStartedAt = 0;
    let openedAt = -1;
    let lastFrameAt = 0;
    let pingSentAt = -1;
    // Whether the current connection delivered a message that decoded.
    let delivered = false;
    let finished = false;

    const counters = (): StreamCounters => ({ connections, reconnects, events, rejected });

    // Every status goes through here. An error thrown by the status observer changes nothing
    // in the loop, in any phase: it is reported asynchronously (on the stream's scheduler,
    // outside the socket's handlers) to RxJS's `config.onUnhandledError` if set, else to
    // `console.error`; never rethrown, so that an observer's bug cannot crash the process from
    // inside the library (RxJS itself would rethrow it on a timer).
    const report = (status: StreamStatus): void => {
      try {
        o.report(status);
      } catch (error) {
        scheduler.schedule(() => (config.onUnhandledError ?? console.error)(error));
      }
    };

    const { scrub } = o;

    const setTimer = (work: () => void, delay: number): void => {
      timer?.unsubscribe();
      // A status observer may have unsubscribed while we reported: schedule nothing more.
      if (finished) return;
      timer = scheduler.schedule(work, delay);
    };

    // `hard` drops a connection that can no longer close politely (it stopped answering):
    // `ws` would otherwise keep its socket and a timer until its close handshake times out.
    const release = (hard = false): void => {
      timer?.unsubscribe();
      timer = undefined;
      const ws = socket;
      socket = undefined;
      if (ws === undefined) return;
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = ignore;
      // CONNECTING (0) or OPEN.
      if (ws.readyState <= OPEN) {
        try {
          if (hard && typeof ws.terminate === 'function') ws.terminate();
          else {
            ws.close(1000);
            // `ws` would wait 30 s for the close frame of a server that stopped answering, its
            // socket holding the process: it gets CLOSE_GRACE, then it is dropped. On the
            // stream's scheduler, like every timer of the stream: bounded, and on virtual time
            // in tests. Browsers have no `terminate`, and close sockets themselves.
            if (ws.terminate !== undefined && ws.readyState !== CLOSED) {
              const grace = scheduler.schedule(() => ws.terminate?.(), CLOSE_GRACE);
              ws.onclose = () => grace.unsubscribe();
            }
          }
        } catch {
          // A socket that cannot be closed is already gone.
        }
      }
    };

    const finish = (error?: FatalError): void => {
      if (finished) return;
      finished = true;
      release();
      report({ kind: 'closed', ...(error && { error }), counters: counters() });
      // Closed already when the subscriber unsubscribed (the teardown below).
      if (subscriber.closed) return;
      if (error === undefined) subscriber.complete();
      else subscriber.error(error);
    };

    const fail = (error: ConnectionError, cleanClose = false): void => {
      if (finished) return;
      const now = scheduler.now();
      const lived = openedAt < 0 ? -1 : now - openedAt;
      release(error.kind === 'stalled');
      if (retry === false) return finish(cleanClose ? undefined : error);
      if (lived >= retry.resetAfter && (delivered || lived >= SHORT_LIVED)) failures = 0;
      const attempt = failures;
      failures += 1;
      if (failures >= retry.maxAttempts) {
        finish(
          // The last failure's own fields (kind, status, closeCode), and the count of attempts.
          new ConnectionError(`${error.message} (gave up after ${failures} attempts)`, { ...error, attempts: failures }),
        );
        return;
      }
      // Full jitter, but never two attempt starts closer than minInterval: a server that
      // accepts and closes at once is not hammered even when the draw is near zero.
      const delay = Math.max(
        backoffDelay(attempt, retry.baseDelay, retry.maxDelay, o.random),
        retry.minInterval - (now - attemptStartedAt),
      );
      report({ kind: 'reconnecting', attempt: failures, delay, error, counters: counters() });
      setTimer(() => {
        reconnects += 1;
        connect();
      }, delay);
    };

    // Rejections are frequent under a flood of garbage: their errors are built without a stack
    // (see `stackless`), and without their texts until someone reads them.
    const reject = (kind: MessageError['kind'], message?: string, cause?: DecodeErrorSource): void => {
      const error = stackless(() => new MessageError(message, { kind, cause }));
      rejected += 1;
      if (o.strict) finish(error);
      else report({ kind: 'rejected', error, counters: counters() });
    };

    // A socket drops the connection on a frame over maxPayload: the frame is counted, then the
    // connection retried.
    const droppedOversized = (): void => {
      reject('oversized', `Rejected a frame over maxMessageSize (${o.maxMessageSize} bytes)`);
      fail(new ConnectionError('The connection was dropped after an oversized frame', { kind: 'closed', closeCode: 1009 }));
    };

    // A frame, a ping or a pong: the connection is alive, and answered any ping.
    const stamp = (): void => {
      lastFrameAt = scheduler.now();
      pingSentAt = -1;
    };
    // On the wall clock, reading it costs more than the rest of a frame's own work on some
    // machines (a system call where the VM offers no vDSO clock): a burst of frames delivered
    // together is stamped once, in a microtask after the last of them (-1 until then); the
    // watch, a timer, always runs after that microtask. A virtual clock (tests: it starts at
    // 0), whose time does not pass between frames nor let microtasks run, stamps every frame.
    const wallClock = scheduler.now() > 1e12;

    const onFrame = (data: unknown): void => {
      if (!wallClock) stamp();
      else if (lastFrameAt >= 0) {
        lastFrameAt = -1;
        queueMicrotask(stamp);
      }
      if (typeof data !== 'string') {
        reject('binary', `Rejected a binary frame of ${byteLength(data)} bytes: the stream sends text`);
        return;
      }
      if (data.length > o.maxMessageSize) {
        reject('oversized', `Rejected a message of ${data.length} characters, over maxMessageSize (${o.maxMessageSize})`);
        return;
      }
      // Parsed once. A decode error quotes the frame, and a server may echo a credential: its
      // texts are the frame scrubbed whole, then cut (so no cut-off part of one is quoted),
      // worked out only if someone reads them, so that a flood of garbage costs little more
      // than parsing it.
      const event = readFrame(data, scrub);
      if (event instanceof FrameRejection) {
        reject(event.kind, undefined, event);
        return;
      }
      delivered = true;
      if (event.type === 'error' && UNAUTHORIZED.test((event as { data: { errorMessage: string } }).data.errorMessage)) {
        finish(new AuthError('The server refused the credentials (in-band UNAUTHORIZED)', { kind: 'in-band' }));
        return;
      }
      if (event.type === 'auth' && o.dialect === 'tutum') {
        report({ kind: 'authenticated', counters: counters() });
        return;
      }
      events += 1;
      subscriber.next(event);
    };

    const watch = (): void => {
      const ws = socket;
      if (ws === undefined) return;
      const now = scheduler.now();
      if (pingSentAt >= 0) {
        fail(new ConnectionError(`No answer to a ping within ${o.pongTimeout} ms`, { kind: 'stalled' }));
        return;
      }
      const idle = now - lastFrameAt;
      if (idle < o.idleTimeout) {
        setTimer(watch, o.idleTimeout - idle);
        return;
      }
      if (typeof ws.ping !== 'function') {
        fail(new ConnectionError(`No frame within ${o.idleTimeout} ms`, { kind: 'stalled' }));
        return;
      }
      pingSentAt = now;
      try {
        ws.ping();
      } catch {
        fail(new ConnectionError('The connection could not send a ping', { kind: 'stalled' }));
        return;
      }
      setTimer(watch, o.pongTimeout);
    };

    const onError = (event: unknown): void => {
      const text = scrub(errorText(event));
      const status = HANDSHAKE_STATUS.exec(text);
      const code = status === null ? 0 : Number(status[1]);
      if (code === 401 || code === 403) {
        finish(new AuthError(`The server refused the credentials (HTTP ${code})`, { kind: 'handshake', status: code }));
      } else if (code === 408 || code === 429) {
        // Too many requests, or too slow: the server asks to come back later, which backoff does.
        fail(new ConnectionError(`The server turned the connection away for now (HTTP ${code})`, { kind: 'server', status: code }));
      } else if (code >= 400 && code < 500) {
        finish(new HandshakeError(`The server refused the connection (HTTP ${code})`, { status: code }));
      } else if (code >= 500) {
        fail(new ConnectionError(`The server failed the handshake (HTTP ${code})`, { kind: 'server', status: code }));
      } else if (/max payload size exceeded/i.test(text)) {
        // Node's `ws` reports it as an error before it closes with 1009.
        droppedOversized();
      } else {
        fail(new ConnectionError(text === '' ? 'The connection failed' : `The connection failed: ${text}`, { kind: 'network' }));
      }
    };

    const connect = (): void => {
      attemptStartedAt = scheduler.now();
      openedAt = -1;
      delivered = false;
      report({ kind: 'connecting', attempt: failures, url: o.printableUrl, counters: counters() });
      // A status observer may have unsubscribed on 'connecting': open no socket.
      if (finished) return;
      let ws: WebSocketLike;
      try {
        ws = new o.WebSocket(o.url, undefined, { headers: o.headers, maxPayload: o.maxMessageSize });
      } catch (error) {
        // The constructor's message may quote the URL, so only its name is kept.
        finish(
          new ConnectionError(`The WebSocket could not be created (${error instanceof Error ? error.name : 'error'})`, { kind: 'network' }),
        );
        return;
      }
      socket = ws;
      try {
        ws.binaryType = 'arraybuffer';
      } catch {
        // Some implementations fix the binary type; binary frames are rejected either way.
      }
      ws.onopen = () => {
        if (socket !== ws) return;
        // No ping out yet on this connection.
        stamp();
        openedAt = lastFrameAt;
        connections += 1;
        report({ kind: 'open', reconnected: connections > 1, url: o.printableUrl, counters: counters() });
        setTimer(watch, o.idleTimeout);
      };
      ws.onmessage = (event) => {
        if (socket === ws) onFrame(event.data);
      };
      ws.onerror = (event) => {
        if (socket === ws) onError(event);
      };
      ws.onclose = (event) => {
        if (socket !== ws) return;
        const opened = openedAt >= 0;
        const { code, reason } = event;
        if (code === 1009) return droppedOversized();
        const why = reason === '' ? '' : `: ${scrub(reason).slice(0, 120)}`;
        const message = `${opened ? 'The server closed the connection' : 'The connection closed before opening'} (code ${code}${why})`;
        fail(
          new ConnectionError(message, { kind: opened ? 'closed' : 'network', closeCode: code }),
          opened && (code === 1000 || code === 1001),
        );
      };
      if (typeof ws.on === 'function') {
        const alive = (): void => {
          if (socket === ws) stamp();
        };
        ws.on('pong', alive);
        ws.on('ping', alive);
      }
      setTimer(() => fail(new ConnectionError(`No connection within ${o.connectTimeout} ms`, { kind: 'timeout' })), o.connectTimeout);
    };

    connect();
    return () => finish();
  });
}
