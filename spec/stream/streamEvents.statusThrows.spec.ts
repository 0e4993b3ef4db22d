// A status observer that throws: in every phase the stream goes on exactly as if it had not
// thrown, and the error is reported asynchronously to RxJS's config.onUnhandledError (else to
// console.error), never rethrown.
import { config } from 'rxjs';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import type { StreamStatus, StreamStatusKind } from '../../lib/stream/StreamStatus.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import { FakeWebSocketServer, authMessage, containerEvent } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, at, now, virtual } from './support/harness.js';

const c1 = containerEvent('c1', 'Running');
const c2 = containerEvent('c2', 'Stopped');

/** What one run of the scenario produced. */
interface Outcome {
  readonly statuses: [number, StreamStatusKind][];
  readonly events: [number, CloudEvent][];
  readonly ended: string;
  readonly sockets: number;
  readonly closedWith: (number | undefined)[];
  /** The errors handed to onUnhandledError, with the virtual time, and how many had been handed over synchronously. */
  readonly unhandled: [number, unknown][];
  readonly handledDuringAction: number;
}

/**
 * Every phase in one scenario (Tutum dialect, so that `authenticated` happens): connecting,
 * open, authenticated, an event, a rejected frame, a server close (reconnecting), connecting
 * again, open, authenticated, an event; then, per `end`, an unsubscribe or a strict rejection,
 * both reported as `closed`.
 */
function scenario(throwOn: StreamStatusKind | undefined, end: 'unsubscribe' | 'strict'): Outcome {
  const server = new FakeWebSocketServer();
  const statuses: [number, StreamStatusKind][] = [];
  const unhandled: [number, unknown][] = [];
  let handledDuringAction = 0;
  let recording: Recording | undefined;
  config.onUnhandledError = (error) => unhandled.push([now(), error]);
  virtual(() => {
    const status = (s: StreamStatus): void => {
      statuses.push([now(), s.kind]);
      if (s.kind === throwOn) throw new Error(`observer bug on ${s.kind}`);
    };
    const options: StreamOptions = {
      dialect: 'tutum',
      url: LOCAL_URL,
      auth: { user: 'me', apiKey: 'key-0123456789' },
      WebSocket: server.WebSocket,
      status,
      random: () => 0,
      strict: end === 'strict',
    };
    recording = new Recording(streamEvents(options), end === 'unsubscribe' ? 3000 : undefined);
    // Each action checks that nothing was handed to onUnhandledError while it ran.
    const act = (t: number, work: () => void): void => {
      at(t, () => {
        const before = unhandled.length;
        work();
        handledDuringAction += unhandled.length - before;
      });
    };
    act(10, () => server.last.open());
    act(20, () => server.last.message(JSON.stringify(authMessage())));
    act(30, () => server.last.message(JSON.stringify(c1)));
    if (end === 'unsubscribe') act(40, () => server.last.message('{"type":'));
    act(50, () => server.last.serverClose(1011, 'going away'));
    act(1100, () => server.last.open());
    act(1110, () => server.last.message(JSON.stringify(authMessage())));
    act(1120, () => server.last.message(JSON.stringify(c2)));
    if (end === 'strict') act(1130, () => server.last.message('{"type":'));
  });
  const r = recording!;
  return {
    statuses,
    events: r.values.map((v) => [v.t, v.value]),
    ended:
      r.error !== undefined
        ? `error ${(r.error.value as Error).name} at ${r.error.t}`
        : r.completedAt !== undefined
          ? `complete at ${r.completedAt}`
          : 'open',
    sockets: server.sockets.length,
    closedWith: server.sockets.map((s) => s.closedWith),
    unhandled,
    handledDuringAction,
  };
}

const PHASES: StreamStatusKind[] = ['connecting', 'open', 'authenticated', 'rejected', 'reconnecting', 'closed'];

describe('streamEvents: a status observer that throws', () => {
  const original = config.onUnhandledError;
  afterEach(() => {
    config.onUnhandledError = original;
    jest.restoreAllMocks();
  });

  it('the scenario goes through every phase', () => {
    const { statuses, events, ended } = scenario(undefined, 'unsubscribe');
    expect(statuses.map(([, kind]) => kind)).toEqual([
      'connecting',
      'open',
      'authenticated',
      'rejected',
      'reconnecting',
      'connecting',
      'open',
      'authenticated',
      'closed',
    ]);
    expect(events).toEqual([
      [30, c1],
      [1120, c2],
    ]);
    expect(ended).toBe('open');
    expect(scenario(undefined, 'strict').ended).toBe('error MessageError at 1130');
  });

  describe.each(['unsubscribe', 'strict'] as const)('when the stream ends by %s', (end) => {
    const reference = (): Outcome => scenario(undefined, end);

    it.each(PHASES.filter((phase) => end === 'unsubscribe' || phase !== 'rejected'))(
      'changes nothing when it throws on %s, and the error reaches onUnhandledError asynchronously',
      (phase) => {
        const expected = reference();
        const outcome = scenario(phase, end);
        // The stream behaved exactly as with an observer that does not throw.
        expect(outcome.statuses).toEqual(expected.statuses);
        expect(outcome.events).toEqual(expected.events);
        expect(outcome.ended).toBe(expected.ended);
        expect(outcome.sockets).toBe(expected.sockets);
        expect(outcome.closedWith).toEqual(expected.closedWith);
        // One report per status of that kind, each at the time of its status, none synchronously.
        const thrownAt = outcome.statuses.filter(([, kind]) => kind === phase).map(([t]) => t);
        expect(thrownAt.length).toBeGreaterThan(0);
        expect(outcome.unhandled.map(([t]) => t)).toEqual(thrownAt);
        for (const [, error] of outcome.unhandled) expect(error).toEqual(new Error(`observer bug on ${phase}`));
        expect(outcome.handledDuringAction).toBe(0);
      },
    );
  });

  it('without onUnhandledError, writes the error to console.error instead of throwing it', () => {
    const logged: unknown[][] = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const server = new FakeWebSocketServer();
    let recording: Recording | undefined;
    config.onUnhandledError = null;
    virtual(() => {
      const status = (s: StreamStatus): void => {
        if (s.kind === 'open' || s.kind === 'rejected') throw new Error(`bug on ${s.kind}`);
      };
      recording = new Recording(
        streamEvents({ url: LOCAL_URL, auth: { user: 'me', apiKey: 'key-0123456789' }, WebSocket: server.WebSocket, status }),
        100,
      );
      at(10, () => server.last.open());
      at(20, () => server.last.message('not json'));
      at(30, () => server.last.message(JSON.stringify(c1)));
    });
    expect(recording!.events).toEqual([c1]);
    expect(logged.map((args) => (args[0] as Error).message)).toEqual(['bug on open', 'bug on rejected']);
  });

  it('a partial observer whose next throws is treated the same', () => {
    const unhandled: unknown[] = [];
    config.onUnhandledError = (error) => unhandled.push(error);
    const server = new FakeWebSocketServer();
    let recording: Recording | undefined;
    virtual(() => {
      const status = {
        next(s: StreamStatus): void {
          if (s.kind === 'connecting') throw new Error('bug');
        },
      };
      recording = new Recording(
        streamEvents({ url: LOCAL_URL, auth: { user: 'me', apiKey: 'key-0123456789' }, WebSocket: server.WebSocket, status }),
        100,
      );
      at(10, () => server.last.open());
      at(30, () => server.last.message(JSON.stringify(c1)));
    });
    expect(recording!.events).toEqual([c1]);
    expect(recording!.error).toBeUndefined();
    expect(unhandled).toEqual([new Error('bug')]);
  });
});
