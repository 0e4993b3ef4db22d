import { formatConnectionChange } from '../../lib/cli/connectionChanges.js';
import { createPalette } from '../../lib/cli/Palette.js';

describe('formatConnectionChange', () => {
  const connection = { id: 1, path: '/api/audit/v1/emulator/events/', remoteAddress: '127.0.0.1', filter: { type: ['container'] } };

  it('logs an opened connection with its path and filter, and a closed one by its id', () => {
    expect(formatConnectionChange({ kind: 'opened', connection }, createPalette(false))).toBe(
      '+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=container',
    );
    expect(formatConnectionChange({ kind: 'closed', connection }, createPalette(false))).toBe('- connection 1 closed');
  });

  it('shows what a client asked for (a decoded filter value can hold anything) as escapes, never as codes', () => {
    const hostile = { ...connection, filter: { type: ['\x1b]0;pwned\x07\x1b[2J\u202e\nforged'] } };
    const line = formatConnectionChange({ kind: 'opened', connection: hostile }, createPalette(true));
    // The palette's cyan wraps the line; nothing else is a code.
    expect(line.replace(/^\x1b\[36m|\x1b\[39m$/g, '')).toBe(
      '+ connection 1 from 127.0.0.1: /api/audit/v1/emulator/events/ type=\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\nforged',
    );
  });
});
