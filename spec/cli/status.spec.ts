import type { CliIo, CliStream } from '../../lib/cli/CliIo.js';
import { formatConnectionLost, formatCountdown, formatStatus } from '../../lib/cli/formatStatus.js';
import { createPalette } from '../../lib/cli/Palette.js';
import { StatusReporter } from '../../lib/cli/StatusReporter.js';
import { Terminal } from '../../lib/cli/Terminal.js';
import { AuthError } from '../../lib/errors/AuthError.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { MessageError } from '../../lib/errors/MessageError.js';
import type { StreamStatus } from '../../lib/stream/StreamStatus.js';

const palette = createPalette(false);
const counters = { connections: 1, reconnects: 0, events: 3, rejected: 0 };
const URL = 'ws://127.0.0.1:1234/api/audit/v1/events/';

class FakeStream implements CliStream {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
  on(): this {
    return this;
  }
  off(): this {
    return this;
  }
}

function fakeIo(tty: boolean, env: Record<string, string> = {}): CliIo & { stdout: FakeStream; stderr: FakeStream } {
  return { env, stdout: new FakeStream(tty), stderr: new FakeStream(tty), signals: { on: () => undefined, off: () => undefined }, platform: 'linux' };
}

describe('formatStatus', () => {
  it.each<[string, StreamStatus, string | undefined]>([
    ['the first connecting', { kind: 'connecting', attempt: 0, url: URL, counters: { ...counters, connections: 0 } }, `… connecting to ${URL}`],
    ['a later connecting', { kind: 'connecting', attempt: 2, url: URL, counters }, undefined],
    ['open', { kind: 'open', reconnected: false, url: URL, counters }, `● connected to ${URL}`],
    ['open again', { kind: 'open', reconnected: true, url: URL, counters }, '● reconnected: events sent while disconnected were missed (resync)'],
    ['authenticated', { kind: 'authenticated', counters }, '● authenticated'],
    ['rejected', { kind: 'rejected', error: new MessageError('syntax', 'Unexpected token'), counters }, '! rejected a frame: Unexpected token'],
    [
      'reconnecting',
      { kind: 'reconnecting', attempt: 3, delay: 2345, error: new ConnectionError('The server closed the connection (code 1006)', 'closed', 1006), counters },
      '✗ connection lost: The server closed the connection (code 1006); reconnecting in 2.3 s (attempt 3)',
    ],
    ['closed', { kind: 'closed', counters }, '● closed'],
    ['closed by an error', { kind: 'closed', error: new AuthError('refused', 401), counters }, undefined],
  ])('%s', (_, status, expected) => {
    expect(formatStatus(status, palette)).toBe(expected);
  });

  it('counts down in tenths of a second, never below 0', () => {
    expect(formatCountdown(2300, 3, palette)).toBe('↻ reconnecting in 2.3 s (attempt 3)');
    expect(formatCountdown(-5, 1, palette)).toBe('↻ reconnecting in 0.0 s (attempt 1)');
    expect(formatConnectionLost('gone', palette)).toBe('✗ connection lost: gone');
    expect(formatCountdown(1000, 1, createPalette(true))).toContain('\x1b[33m');
  });
});

describe('Terminal and StatusReporter', () => {
  const lost: StreamStatus = { kind: 'reconnecting', attempt: 2, delay: 1500, error: new ConnectionError('dropped', 'closed', 1006), counters };

  it('writes results to stdout and statuses to stderr, one line each', () => {
    const io = fakeIo(false);
    const terminal = new Terminal(io);
    const reporter = new StatusReporter(terminal);
    reporter.report({ kind: 'open', reconnected: false, url: URL, counters });
    terminal.line('an event');
    reporter.report(lost);
    expect(io.stdout.text).toBe('an event\n');
    expect(io.stderr.text).toBe(`● connected to ${URL}\n✗ connection lost: dropped; reconnecting in 1.5 s (attempt 2)\n`);
    expect(reporter.counters).toBe(counters);
  });

  it('on a terminal, shows a live countdown that is erased before the next line', () => {
    jest.useFakeTimers();
    try {
      const io = fakeIo(true, { NO_COLOR: '1' });
      const terminal = new Terminal(io);
      let now = 0;
      const reporter = new StatusReporter(terminal, () => now);
      reporter.report(lost);
      expect(io.stderr.text).toBe('✗ connection lost: dropped\n\r\x1b[2K↻ reconnecting in 1.5 s (attempt 2)');
      now = 1000;
      jest.advanceTimersByTime(100);
      expect(io.stderr.text.endsWith('\r\x1b[2K↻ reconnecting in 0.5 s (attempt 2)')).toBe(true);
      terminal.line('an event');
      expect(io.stderr.text.endsWith('(attempt 2)\r\x1b[2K')).toBe(true);
      expect(io.stdout.text).toBe('an event\n');
      reporter.dispose();
      terminal.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('is quiet with quiet, except for errors, which it scrubs of secrets', () => {
    const io = fakeIo(false);
    const terminal = new Terminal(io, { quiet: true, secrets: ['s3cr3t-key'] });
    new StatusReporter(terminal).report({ kind: 'open', reconnected: false, url: URL, counters });
    terminal.error('refused s3cr3t-key');
    expect(io.stderr.text).toBe('dockercloud-rx: refused ***\n');
  });

  it('colours each stream by its own terminal and the environment', () => {
    const io = fakeIo(false);
    io.stderr = new FakeStream(true) as never;
    const terminal = new Terminal(io);
    expect(terminal.out.isColorSupported).toBe(false);
    expect(terminal.err.isColorSupported).toBe(true);
    expect(new Terminal(fakeIo(true), { color: false }).err.isColorSupported).toBe(false);
  });
});
