import { Socket } from 'node:net';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { dockerCloud } from './support.js';

// At rate 'max' the pump emits events in bursts of up to 256; the frames of a burst must leave
// in one write per connection (the socket is corked for the burst), not one system call each.
// The emulator runs in this process: its sockets' writes are counted where Node makes them.

describe('the emulator at full speed', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    await emulator?.stop();
    emulator = undefined;
  });

  it('writes the frames of a burst together: far fewer socket writes than frames, every frame whole and in order', async () => {
    emulator = await startEmulator({ rate: 'max', seed: 3, pingInterval: 0 });
    const [url, options] = dockerCloud(emulator);
    const ws = new WebSocket(url, options);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    // From here on, the only writes are the server's frames (the client sends nothing).
    const proto = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
    const writes = jest.spyOn(proto, '_write');
    const batches = jest.spyOn(proto, '_writev');
    const frames: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        frames.push((data as Buffer).toString('utf8'));
        if (frames.length === 5000) resolve();
      });
      ws.on('error', reject);
    });
    ws.terminate();
    const uuids = frames.map((frame) => (JSON.parse(frame) as { uuid: string }).uuid);
    expect(new Set(uuids).size).toBe(frames.length);
    const calls = writes.mock.calls.length + batches.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    // One write per frame would be 5,000.
    expect(calls).toBeLessThan(frames.length / 20);
  });
});
