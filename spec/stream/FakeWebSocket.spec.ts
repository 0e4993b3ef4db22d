import { FakeWebSocketServer } from '../../lib/testing/FakeWebSocket.js';

describe('FakeWebSocket', () => {
  it('records what the client asked for, oldest socket first', () => {
    const server = new FakeWebSocketServer();
    expect(() => server.last).toThrow('no socket was created');
    const a = new server.WebSocket('ws://127.0.0.1/a', undefined, { headers: { Authorization: 'x' }, maxPayload: 10 });
    const b = new server.WebSocket('ws://127.0.0.1/b');
    expect(server.sockets).toEqual([a, b]);
    expect(server.last).toBe(b);
    expect(server.sockets[0]!.url).toBe('ws://127.0.0.1/a');
    expect(server.sockets[0]!.options).toEqual({ headers: { Authorization: 'x' }, maxPayload: 10 });
    expect(server.last.options).toBeUndefined();
  });

  it('offers ping and on("pong") only when pingable, as ws does and browsers do not', () => {
    const browser = new FakeWebSocketServer();
    const node = new FakeWebSocketServer({ pingable: true });
    const plain = new browser.WebSocket('ws://127.0.0.1/');
    const pingable = new node.WebSocket('ws://127.0.0.1/');
    expect(plain.ping).toBeUndefined();
    expect(plain.on).toBeUndefined();
    const pongs: number[] = [];
    pingable.on!('pong', () => pongs.push(1));
    pingable.on!('ping', () => pongs.push(2));
    pingable.ping!();
    pingable.ping!();
    node.last.pong();
    expect(node.last.pings).toBe(2);
    expect(pongs).toEqual([1]);
  });

  it('moves through the ready states and tells the handlers', () => {
    const server = new FakeWebSocketServer();
    const socket = new server.WebSocket('ws://127.0.0.1/');
    const seen: string[] = [];
    socket.onopen = () => seen.push(`open:${socket.readyState}`);
    socket.onmessage = (e) => seen.push(`message:${String(e.data)}`);
    socket.onclose = (e) => seen.push(`close:${e.code}:${e.reason}:${String(e.wasClean)}:${socket.readyState}`);
    expect(socket.readyState).toBe(0);
    server.last.open();
    server.last.message('hi');
    server.last.serverClose(4000, 'bye');
    expect(seen).toEqual(['open:1', 'message:hi', 'close:4000:bye:false:3']);
  });

  it('is closed already when its error handler runs, as real sockets are', () => {
    const server = new FakeWebSocketServer();
    const socket = new server.WebSocket('ws://127.0.0.1/');
    const seen: string[] = [];
    socket.onerror = (e) => seen.push(`error:${(e as { message: string }).message}:${socket.readyState}`);
    socket.onclose = (e) => seen.push(`close:${e.code}:${String(e.wasClean)}`);
    server.last.fail('Unexpected server response: 401');
    expect(seen).toEqual(['error:Unexpected server response: 401:3', 'close:1006:false']);
    // Closing a failed socket records nothing.
    socket.close(1000);
    expect(server.last.closedWith).toBeUndefined();
  });

  it('records the client’s close code once', () => {
    const server = new FakeWebSocketServer();
    const a = new server.WebSocket('ws://127.0.0.1/');
    a.close();
    expect(server.last.closedWith).toBe(1005);
    const b = new server.WebSocket('ws://127.0.0.1/');
    server.last.open();
    b.close(1000);
    b.close(4001);
    expect(server.last.closedWith).toBe(1000);
    expect(b.readyState).toBe(3);
  });
});
