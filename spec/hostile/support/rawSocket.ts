// A raw TCP client for the hostile specs: it sends exactly the bytes a test says (half a request
// line, half the headers, nothing at all), reads or not, and tells when and how the server ended it.
import { connect, type Socket } from 'node:net';

/** One raw connection to a server on 127.0.0.1. */
export interface RawSocket {
  readonly socket: Socket;
  /** Everything the server sent, as text. */
  readonly received: () => string;
  /** Resolves once the server closed or reset the connection, with the ms since it opened. */
  readonly closed: Promise<number>;
  /** Whether the connection is still open (neither end closed it). */
  readonly open: () => boolean;
}

/**
 * Opens a raw TCP connection to `port` on 127.0.0.1 and resolves once it is connected. With
 * `read: false` the client never reads: the server's writes back up in the kernel buffers.
 */
export function rawSocket(port: number, options: { readonly read?: boolean } = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let isOpen = true;
    let opened = 0;
    const closed = new Promise<number>((done) => {
      // A reset is a close too; the error must not fail the test.
      socket.on('error', () => undefined);
      socket.once('close', () => {
        isOpen = false;
        done(Date.now() - opened);
      });
      // The server's FIN: answer it, as a client would, so that `close` follows.
      socket.once('end', () => socket.end());
    });
    if (options.read === false) socket.pause();
    else socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('connect', () => {
      opened = Date.now();
      resolve({ socket, received: () => Buffer.concat(chunks).toString('latin1'), closed, open: () => isOpen });
    });
    socket.once('error', reject);
  });
}

/** Resolves with `value` after `ms`, to race a close that must not come (the timer holds no process open). */
export function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}
