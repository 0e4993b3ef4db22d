// Attack: a server that floods the client with garbage, malformed JSON, JSON of the wrong
// shape, binary frames, between the good events. The stream stays up on the one connection,
// counts every bad frame, describes each without quoting a credential, and delivers every good
// event in order. (What a rejection costs in CPU is measured by benchmark 1, `npm run bench`.)
import { MessageError } from '../../lib/errors/MessageError.js';
import { streamEvents } from '../../lib/node/streamEvents.js';
import type { StreamStatus } from '../../lib/stream/StreamStatus.js';
import { containerEvent } from '../../lib/testing/index.js';
import { closeAllServers, startServer } from '../integration/support/server.js';

jest.setTimeout(30_000);
afterEach(closeAllServers);

const API_KEY = 'flood-S3CRET-0123456789abcdef';
const BASIC = `Basic ${Buffer.from(`me:${API_KEY}`).toString('base64')}`;

/** The bad frames, one of each kind, some of them echoing the credential. */
function garbage(i: number): string | Buffer {
  switch (i % 6) {
    case 0:
      return `{"type":"container","action":"update","note":"${API_KEY}`; // cut short
    case 1:
      return JSON.stringify({
        type: 'container',
        action: 'explode',
        parents: [],
        resource_uri: `/api/app/v1/container/${i}/`,
        echo: BASIC,
      });
    case 2:
      return Buffer.from([0xff, 0x00, i & 0xff]);
    case 3:
      return `${'['.repeat(5000)}${API_KEY}`; // deep nesting, never closed
    case 4:
      return JSON.stringify({ type: 'container', action: 'update', parents: [], resource_uri: `/api/app/v1/container/${i}/`, uuid: 42 });
    default:
      return `\u0000\u001b]0;pwned\u0007${API_KEY}${API_KEY}`;
  }
}

const REASONS = ['syntax', 'schema', 'binary', 'syntax', 'schema', 'syntax'] as const;

describe('a server that floods garbage', () => {
  it('does not bring the stream down: every bad frame is counted and described, every good event arrives', async () => {
    const BAD = 3000;
    const EVERY = 30;
    const good: ReturnType<typeof containerEvent>[] = [];
    const frames: (string | Buffer)[] = [];
    for (let i = 0; i < BAD; i++) {
      if (i % EVERY === 0) {
        const event = containerEvent(`c${i}`, 'Running');
        good.push(event);
        frames.push(JSON.stringify(event));
      }
      frames.push(garbage(i));
    }
    const server = await startServer({ connection: (c) => void c.send(...frames) });
    const statuses: StreamStatus[] = [];
    const events: unknown[] = [];
    const subscription = streamEvents({
      url: server.url,
      auth: { user: 'me', apiKey: API_KEY },
      env: {},
      status: (s) => statuses.push(s),
    }).subscribe((event) => events.push(event));
    try {
      const deadline = Date.now() + 20_000;
      while (events.length < good.length || statuses.filter((s) => s.kind === 'rejected').length < BAD) {
        if (Date.now() > deadline) throw new Error(`flood not through: ${events.length} events, ${statuses.length} statuses`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      subscription.unsubscribe();
    }
    // One connection, never dropped.
    expect(statuses.filter((s) => s.kind === 'open')).toHaveLength(1);
    expect(statuses.filter((s) => s.kind === 'reconnecting')).toHaveLength(0);
    expect(server.connections).toHaveLength(1);
    // Every good event, in order.
    expect(events).toEqual(good);
    // Every bad frame counted, with its reason, in order.
    const rejected = statuses.filter((s): s is Extract<StreamStatus, { kind: 'rejected' }> => s.kind === 'rejected');
    expect(rejected.map((s) => s.error.kind)).toEqual(Array.from({ length: BAD }, (_, i) => REASONS[i % 6]));
    const closed = statuses[statuses.length - 1]!;
    expect(closed).toMatchObject({ kind: 'closed', counters: { connections: 1, events: good.length, rejected: BAD } });
    // Each is a cheap but complete MessageError: path, bounded excerpt, no credential in any form.
    for (const { error } of rejected.slice(0, 60)) {
      expect(error).toBeInstanceOf(MessageError);
      expect(error.message.length).toBeLessThan(400);
      const text = [error.message, error.stack ?? '', JSON.stringify(error), error.cause?.excerpt ?? '', error.cause?.detail ?? ''].join(
        '\n',
      );
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(BASIC.slice(6));
    }
    expect(rejected[1]!.error.cause).toMatchObject({ kind: 'schema', path: 'action' });
    expect(rejected[4]!.error.cause).toMatchObject({ kind: 'schema', path: 'uuid' });
    expect(rejected[0]!.error.cause?.excerpt).toContain('***');
  });
});
