import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Dates an answer in the world's clock (`now`, ISO 8601), not the host's: the `Date` of a
 * listing is when the state it shows was true, on the clock of the events' `datetime`, as a
 * real server's is. A world without a clock yet (a replay before its first event) sends no
 * `Date`. Call it before the answer's head is written.
 *
 * @internal
 */
export function dateInWorldClock(res: ServerResponse, now: string | undefined): void {
  const ms = now === undefined ? Number.NaN : Date.parse(now);
  if (Number.isNaN(ms)) res.sendDate = false;
  else res.setHeader('Date', new Date(ms).toUTCString());
}

/**
 * Answers a REST request with a JSON body.
 *
 * @internal
 */
export function respondJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * Refuses a websocket upgrade with an HTTP status and a JSON body, then closes the socket,
 * as the real service's front end did.
 *
 * @internal
 */
export function refuseUpgrade(socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}
