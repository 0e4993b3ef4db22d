// A status observer that throws on every status, over a real socket, in a process of its own:
// the process never sees an uncaught exception from inside the library; the stream goes on.
// (Every phase, one by one, on virtual time: spec/stream/streamEvents.statusThrows.spec.ts.)
import { containerEvent } from '../../lib/testing/index.js';
import { closeAllServers, startServer } from '../integration/support/server.js';
import { assertBuilt, runChild } from './support/child.js';

jest.setTimeout(20_000);
afterEach(closeAllServers);

const SCRIPT = `
  const [url] = process.argv.slice(1);
  process.on('uncaughtException', (error) => {
    process.stdout.write('UNCAUGHT ' + error.message + '\\n');
    process.exit(7);
  });
  let events = 0;
  const subscription = lib.streamEvents({
    url,
    auth: { user: 'me', apiKey: 'observer-key-0123456789' },
    env: {},
    retry: { baseDelay: 10, maxDelay: 20, minInterval: 10 },
    status: (s) => { throw new Error('observer bug on ' + s.kind); },
  }).subscribe((event) => {
    events += 1;
    process.stdout.write('event ' + event.uuid + '\\n');
    if (events === 2) {
      subscription.unsubscribe();
      process.stdout.write('done\\n');
    }
  });
`;

describe('a status observer that throws, on a real socket', () => {
  it('never crashes the process: the errors go to console.error and the stream goes on through a reconnect', async () => {
    assertBuilt();
    // First connection: a rejected frame, an event, then the server drops it. Second: an event.
    const server = await startServer({
      connection: (c) => {
        if (c.index === 0) void c.sendThenDrop('not json', containerEvent('c1', 'Running'));
        else void c.send(containerEvent('c2', 'Running'));
      },
    });
    const run = await runChild(SCRIPT, [server.url], 'done');
    expect(run.stdout).not.toContain('UNCAUGHT');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^event \S+\nevent \S+\ndone\n$/);
    expect(server.connections).toHaveLength(2);
    // Each throw was reported, none rethrown: every phase of this run shows up.
    for (const kind of ['connecting', 'open', 'rejected', 'reconnecting', 'closed']) {
      expect(run.stderr).toContain(`observer bug on ${kind}`);
    }
  });
});
