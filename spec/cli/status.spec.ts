import type { CliIo, CliStream } from '../../lib/cli/CliIo.js';
import { formatConnectionLost, formatCountdown, formatRejected, formatStatus } from '../../lib/cli/formatStatus.js';
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
  return {
    env,
    stdout: new FakeStream(tty),
    stderr: new FakeStream(tty),
    signals: { on: () => undefined, off: () => undefined },
    platform: 'linux',
  };
}

describe('formatStatus', () => {
  it.each<[string, StreamStatus, string | undefined]>([
    [
      'the first connecting',
      { kind: 'connecting', attempt: 0, url: URL, counters: { ...counters, connections: 0 } },
      `… connecting to ${URL}`,
    ],
    ['a later connecting', { kind: 'connecting', attempt: 2, url: URL, counters }, undefined],
    ['open', { kind: 'open', reconnected: false, url: URL, counters }, `● connected to ${URL}`],
    [
      'open again',
      { kind: 'open', reconnected: true, url: URL, counters },
      '● reconnected: events sent while disconnected were missed (resync)',
    ],
    ['authenticated', { kind: 'authenticated', counters }, '● authenticated'],
    [
      'rejected',
      { kind: 'rejected', error: new MessageError('Unexpected token', { kind: 'syntax' }), counters },
      '! rejected a frame: Unexpected token',
    ],
    [
      'rejected, with an excerpt that holds escape sequences',
      {
        kind: 'rejected',
        error: new MessageError('Unexpected token in "\x1b]0;pwned\x07\n12:00:00 forged"', { kind: 'syntax' }),
        counters,
      },
      '! rejected a frame: Unexpected token in "\\u001b]0;pwned\\u0007\\n12:00:00 forged"',
    ],
    [
      'reconnecting, after a close reason that holds escape sequences',
      {
        kind: 'reconnecting',
        attempt: 1,
        delay: 1000,
        error: new ConnectionError('closed (4000: \x1b[2J\u202e)', { kind: 'closed', closeCode: 4000 }),
        counters,
      },
      '✗ connection lost: closed (4000: \\u001b[2J\\u202e); reconnecting in 1.0 s (attempt 1)',
    ],
    [
      'reconnecting',
      {
        kind: 'reconnecting',
        attempt: 3,
        delay: 2345,
        error: new ConnectionError('The server closed the connection (code 1006)', { kind: 'closed', closeCode: 1006 }),
        counters,
      },
      '✗ connection lost: The server closed the connection (code 1006); reconnecting in 2.3 s (attempt 3)',
    ],
    ['closed', { kind: 'closed', counters }, '● closed'],
    ['closed by an error', { kind: 'closed', error: new AuthError('refused', { kind: 'handshake', status: 401 }), counters }, undefined],
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
  const lost: StreamStatus = {
    kind: 'reconnecting',
    attempt: 2,
    delay: 1500,
    error: new ConnectionError('dropped', { kind: 'closed', closeCode: 1006 }),
    counters,
  };

  it('writes results to stdout and statuses to stderr, one line each', () => {
    const io = fakeIo(false);
    const terminal = new Terminal(io);
    const reporter = new StatusReporter(terminal);
    reporter.report({ kind: 'open', reconnected: false, url: URL, counters });
    terminal.line('an event');
    reporter.report(lost);
    expect(io.stdout.text).toBe('an event\n');
    expect(io.stderr.text).toBe(`● connected to ${URL}\n✗ connection lost: dropped; reconnecting in 1.5 s (attempt 2)\n`);
    expect(reporter.counters).toEqual(counters);
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
    io.stderr = new FakeStream(true);
    const terminal = new Terminal(io);
    expect(terminal.out.isColorSupported).toBe(false);
    expect(terminal.err.isColorSupported).toBe(true);
    expect(new Terminal(fakeIo(true), { color: false }).err.isColorSupported).toBe(false);
  });

  it('scrubs the credentials from stdout too, and from every stream in every mode', () => {
    const io = fakeIo(false);
    const terminal = new Terminal(io, { secrets: ['s3cr3t-key'] });
    terminal.line('{"type":"weird","echo":"s3cr3t-key"}');
    terminal.status('! rejected a frame: s3cr3t-key');
    expect(io.stdout.text).toBe('{"type":"weird","echo":"***"}\n');
    expect(io.stderr.text).toBe('! rejected a frame: ***\n');
  });

  it('makes every write terminal-safe: a line is one line, and no escape sequence but its own colours passes', () => {
    const hostile = 'Running\x1b]0;pwned\x07\x1b]52;c;eA==\x07\x1b[2J\x9b2J\u202e\r\nforged';
    const plainIo = fakeIo(false);
    const plain = new Terminal(plainIo);
    plain.line(hostile);
    plain.status(hostile);
    plain.error(hostile);
    for (const text of [plainIo.stdout.text, plainIo.stderr.text]) {
      expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(text).not.toMatch(/\nforged/);
      expect(text).toContain('Running\\u001b]0;pwned\\u0007');
    }
    expect(plainIo.stdout.text.split('\n')).toHaveLength(2);
    expect(plainIo.stderr.text.split('\n')).toHaveLength(3);

    // On a terminal with colours, the palette's codes pass and the server's sequences still do not.
    const ttyIo = fakeIo(true, { FORCE_COLOR: '1' });
    const tty = new Terminal(ttyIo, { color: true });
    tty.line(`${tty.out.green('ok')} ${hostile}`);
    tty.error(hostile);
    expect(ttyIo.stdout.text.startsWith(`${tty.out.green('ok')} Running\\u001b]0;pwned`)).toBe(true);
    expect(ttyIo.stdout.text.replace(/\x1b\[\d+m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(ttyIo.stderr.text.replace(/\x1b\[\d+m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    // An error is plain text: even a colour code in it is shown, not run.
    expect(ttyIo.stderr.text).not.toContain('\x1b]');
    tty.dispose();
    plain.dispose();
  });

  it('reports an event it could not print like a rejected frame, and counts it with them', () => {
    const io = fakeIo(false);
    const terminal = new Terminal(io);
    const reporter = new StatusReporter(terminal);
    reporter.report({ kind: 'open', reconnected: false, url: URL, counters });
    reporter.unprintable(new RangeError('Maximum call stack size exceeded'));
    reporter.unprintable('odd\x1b[2J');
    expect(io.stderr.text.split('\n').slice(1)).toEqual([
      formatRejected('could not print it (RangeError: Maximum call stack size exceeded)', palette),
      '! rejected a frame: could not print it (odd\\u001b[2J)',
      '',
    ]);
    expect(reporter.counters).toEqual({ ...counters, rejected: counters.rejected + 2 });
  });
});
