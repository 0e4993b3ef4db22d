import type { EmulatorConnectionSnapshot } from '../../lib/emulator/index.js';
import { formatConnectionChange } from '../../lib/cli/formatConnectionChange.js';
import { createPalette } from '../../lib/cli/Palette.js';

describe('formatConnectionChange', () => {
  const connection: EmulatorConnectionSnapshot = {
    id: 1,
    path: '/api/audit/v1/emulator/events/',
    dialect: 'dockercloud',
    namespace: 'emulator',
    remoteAddress: '127.0.0.1',
    filter: { type: ['container'] },
    openedAt: 0,
    state: 'open',
    messagesSent: 0,
    eventsSent: 0,
    eventsMissed: 0,
  };

  it('logs an opened connection with its path and filter, and a closed one by its id with the events it was sent', () => {
    expect(formatConnectionChange({ kind: 'opened', connection }, createPalette(false))).toBe(
      '+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=container',
    );
    const closed = { ...connection, state: 'closed' as const };
    expect(formatConnectionChange({ kind: 'closed', connection: { ...closed, eventsSent: 42 } }, createPalette(false))).toBe(
      '- connection 1 closed (42 events sent)',
    );
    expect(formatConnectionChange({ kind: 'closed', connection: { ...closed, eventsSent: 1 } }, createPalette(false))).toBe(
      '- connection 1 closed (1 event sent)',
    );
  });

  it('gives authenticated no line: the emulator authenticates in the instant a connection opens', () => {
    expect(formatConnectionChange({ kind: 'authenticated', connection }, createPalette(false))).toBeUndefined();
  });

  it('shows what a client asked for (a decoded filter value can hold anything) as escapes, never as codes', () => {
    const hostile = { ...connection, filter: { type: ['\x1b]0;pwned\x07\x1b[2J\u202e\nforged'] } };
    const line = formatConnectionChange({ kind: 'opened', connection: hostile }, createPalette(true));
    // The palette's cyan wraps the line; nothing else is a code.
    expect(line?.replace(/^\x1b\[36m|\x1b\[39m$/g, '')).toBe(
      '+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\nforged',
    );
  });
});
