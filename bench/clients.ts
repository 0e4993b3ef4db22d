// The WebSocket clients the end-to-end benchmarks compare: each connects to the emulator
// process, parses every frame, and calls `onEvent` with what it parsed.

import ReconnectingWebSocket from 'reconnecting-websocket';
import { Subject } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import WebSocket from 'ws';
import type { CloudEvent } from '../lib/model/CloudEvent.js';
import { streamEvents } from '../lib/node/streamEvents.js';
import { consumerPipeline } from './pipelines.js';

/** The Docker Cloud stream path of the emulator. */
export const STREAM_PATH = '/api/audit/v1/events/';

/**
 * What a client connects to: the emulator process (benchmarks 4 and 5) or the sender of
 * prebuilt frames (benchmark 2), both serving the stream path behind `Authorization`.
 */
export interface StreamServer {
  /** `ws://127.0.0.1:<port>`, without a path. */
  readonly url: string;
  readonly credentials: { readonly user: string; readonly apiKey: string; readonly authorization: string };
  /** The URI of the world's node cluster, for the consumer pipeline. */
  readonly clusterUri: string;
}

/** A client under test: `open` connects and returns how to close. */
export interface ClientKind {
  readonly name: string;
  readonly note: string;
  open(emulator: StreamServer, onEvent: (event: object) => void): () => void;
}

/** A `ws` WebSocket that sends the emulator's `Authorization` header, for clients that cannot. */
type WebSocketClass = new (address: string, protocols?: string | string[]) => WebSocket;

function authorizedWebSocket(authorization: string): WebSocketClass {
  return class AuthorizedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { Authorization: authorization } });
    }
  };
}

/** A bare `ws` client that counts frames without parsing them: what the server can send. */
export const rawWs: ClientKind = {
  name: 'ws, no parsing',
  note: 'counts frames: the ceiling the server sets',
  open(emulator, onEvent) {
    const ws = new WebSocket(emulator.url + STREAM_PATH, { headers: { Authorization: emulator.credentials.authorization } });
    const nothing = {};
    ws.on('message', () => onEvent(nothing));
    ws.on('error', () => undefined);
    return () => ws.terminate();
  },
};

/** The baseline: a bare `ws` client that parses each frame with `JSON.parse`. */
export const bareWs: ClientKind = {
  name: 'ws + JSON.parse',
  note: 'baseline',
  open(emulator, onEvent) {
    const ws = new WebSocket(emulator.url + STREAM_PATH, { headers: { Authorization: emulator.credentials.authorization } });
    ws.on('message', (data) => onEvent(JSON.parse((data as Buffer).toString('utf8')) as object));
    ws.on('error', () => undefined);
    return () => ws.terminate();
  },
};

/** `rxjs/webSocket` over `ws`, with its default deserializer (`JSON.parse`). */
export const rxjsWebSocket: ClientKind = {
  name: 'rxjs/webSocket',
  note: 'WebSocketCtor: ws; default JSON.parse deserializer',
  open(emulator, onEvent) {
    const subject = webSocket<object>({
      url: emulator.url + STREAM_PATH,
      WebSocketCtor: authorizedWebSocket(emulator.credentials.authorization) as unknown as {
        new (url: string, protocols?: string | string[]): globalThis.WebSocket;
      },
    });
    const subscription = subject.subscribe({ next: onEvent, error: () => undefined });
    return () => subscription.unsubscribe();
  },
};

/** `reconnecting-websocket` over `ws`, parsing each message with `JSON.parse`. */
export const reconnectingWebSocket: ClientKind = {
  name: 'reconnecting-websocket',
  note: 'WebSocket: ws; JSON.parse per message',
  open(emulator, onEvent) {
    const socket = new ReconnectingWebSocket(emulator.url + STREAM_PATH, [], {
      WebSocket: authorizedWebSocket(emulator.credentials.authorization),
    });
    socket.addEventListener('message', (event) => onEvent(JSON.parse(String(event.data)) as object));
    return () => socket.close();
  },
};

function libraryStream(emulator: StreamServer): ReturnType<typeof streamEvents> {
  const { user, apiKey } = emulator.credentials;
  return streamEvents({ url: emulator.url, auth: { user, apiKey }, env: {} });
}

/** The library's Node client, with its defaults. */
export const libraryClient: ClientKind = {
  name: 'streamEvents',
  note: 'dockercloud-rx/node, defaults: every frame decoded and validated',
  open(emulator, onEvent) {
    const subscription = libraryStream(emulator).subscribe({ next: onEvent, error: () => undefined });
    return () => subscription.unsubscribe();
  },
};

/**
 * The library's client with the consumer pipeline of benchmark 1 behind it. Every event is
 * also counted as it leaves the client (a tap in front of the pipeline), so that runs end at
 * the same number of events as the others.
 */
export const libraryPipeline: ClientKind = {
  name: 'streamEvents + full pipeline',
  note: 'the operators of benchmark 1 behind the client',
  open(emulator, onEvent) {
    const events = new Subject<CloudEvent>();
    const sink = events.pipe(consumerPipeline('full', emulator.clusterUri)).subscribe();
    const subscription = libraryStream(emulator).subscribe({
      next(event) {
        events.next(event);
        onEvent(event);
      },
      error: () => undefined,
    });
    return () => {
      subscription.unsubscribe();
      sink.unsubscribe();
    };
  },
};
