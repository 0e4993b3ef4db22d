// The sender of benchmark 2, in a process of its own (child_process.fork): it records the
// emulator's seeded world once, encodes every event as a finished WebSocket frame, packs the
// frames into bursts, and writes those bursts straight to each accepted socket. Sending costs
// it one `socket.write` per burst, so that it is never what sets the pace: the clients are.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { basicAuthorization } from '../lib/credentials/basicAuthorization.js';
import { recordFrames } from './recordEvents.js';
import type { SenderRequest } from './senderControl.js';

// RFC 6455 §1.3: the key of the handshake's answer.
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const STREAM_PATH = /^\/api\/audit\/v1\/(?:[^/]+\/)?events\/?(?:\?.*)?$/;
// More than this buffered in the socket, and the sender waits for it to drain.
const HIGH_WATER = 1 << 20;
const CREDENTIALS = { user: 'bench', apiKey: 'bench-api-key-0123456789', namespace: 'bench' };
const AUTHORIZATION = basicAuthorization(CREDENTIALS.user, CREDENTIALS.apiKey);

/** One unmasked server-to-client text frame holding `text` (RFC 6455 §5.2). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, n]) : n < 65_536 ? Buffer.from([0x81, 126, n >> 8, n & 0xff]) : Buffer.alloc(10);
  if (n >= 65_536) {
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

let bursts: Buffer[] = [];
let framesPerBurst: number[] = [];
let server: ReturnType<typeof createServer> | undefined;
const sockets = new Set<Socket>();
let framesSent = 0;

/** Writes the bursts in turn, from the first, for as long as the socket is open and draining. */
function pump(socket: Socket): void {
  let next = 0;
  let open = true;
  const write = (): void => {
    while (open && socket.writableLength < HIGH_WATER) {
      socket.write(bursts[next]!);
      framesSent += framesPerBurst[next]!;
      next = next + 1 === bursts.length ? 0 : next + 1;
    }
    if (open) socket.once('drain', write);
  };
  const stop = (): void => {
    open = false;
    sockets.delete(socket);
    socket.destroy();
  };
  // The clients only ever send a close frame (opcode 8), a pong or a ping: any frame but a
  // pong ends the connection at once, which every client takes for a closed connection.
  socket.on('data', (chunk: Buffer) => {
    if ((chunk[0]! & 0x0f) !== 0x0a) stop();
  });
  socket.on('error', stop);
  socket.on('close', stop);
  write();
}

function upgrade(request: IncomingMessage, duplex: Duplex): void {
  const socket = duplex as Socket;
  const key = request.headers['sec-websocket-key'];
  if (!STREAM_PATH.test(request.url ?? '') || typeof key !== 'string' || request.headers.authorization !== AUTHORIZATION) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  const accept = createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
  socket.setNoDelay(true);
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  sockets.add(socket);
  pump(socket);
}

async function handle(request: SenderRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'start': {
      const recorded = await recordFrames(request.frames, undefined, request.seed);
      bursts = [];
      framesPerBurst = [];
      for (let i = 0; i < recorded.frames.length; i += request.burst) {
        const frames = recorded.frames.slice(i, i + request.burst);
        bursts.push(Buffer.concat(frames.map(textFrame)));
        framesPerBurst.push(frames.length);
      }
      server = createServer((_request, response) => response.writeHead(404).end());
      server.on('upgrade', upgrade);
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `ws://127.0.0.1:${port}`,
        credentials: { ...CREDENTIALS, authorization: AUTHORIZATION },
        clusterUri: recorded.clusterUri,
        frames: recorded.frames.length,
        bytes: bursts.reduce((sum, burst) => sum + burst.length, 0),
      };
    }
    case 'stats':
      return { framesSent, cpu: process.cpuUsage(), at: performance.now() };
    case 'stop':
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
      server = undefined;
      return null;
  }
}

process.on('message', (message: { id: number; request: SenderRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
