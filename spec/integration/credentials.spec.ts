// No credential in any status or error, even when a real server echoes it back. (Every other
// integration test checks the same of its own statuses and errors in `cleanUp`.)

import { AuthError } from '../../lib/errors/AuthError.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { streamEvents } from '../../lib/node/streamEvents.js';
import { containerEvent, errorMessage } from '../../lib/testing/index.js';
import { cleanUp, exposedText, FAST, leakedCredentials, probe, startServer, type Probe } from './support/index.js';

jest.setTimeout(5000);
afterEach(cleanUp);

const API_KEY = 'Sup3r-S3cret-ApiKey';
const BASIC = `Basic ${Buffer.from(`me:${API_KEY}`).toString('base64')}`;
const VERBATIM = 'TutumAccessKey abc';

/** Everything a probe reported, as one text. */
function everything(p: Probe): string {
  return [...p.statuses.map(exposedText), exposedText(p.error()), p.error() instanceof Error ? String(p.error()) : ''].join('\n');
}

function expectClean(p: Probe, ...secrets: string[]): void {
  expect(leakedCredentials(p)).toEqual([]);
  const text = everything(p);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('credentials never appear in statuses or errors', () => {
  it.each([
    ['a Basic header', { user: 'me', apiKey: API_KEY }, [API_KEY, BASIC]],
    ['a verbatim header', { authorization: VERBATIM }, [VERBATIM]],
    ['query user/token', { user: 'me', apiKey: API_KEY, in: 'query' as const }, [API_KEY]],
    ['query auth', { authorization: VERBATIM, in: 'query' as const }, [VERBATIM, encodeURIComponent(VERBATIM), 'TutumAccessKey+abc']],
  ])('with %s, through a 503, a drop, a refusal (401)', async (_name, auth, secrets) => {
    const server = await startServer({
      handshake: (r) => (r.index === 0 ? 503 : r.index === 2 ? 401 : undefined),
      connection: (c) => void c.sendThenDrop(containerEvent('c1', 'Running')),
    });
    const p = probe({ ...FAST, url: server.url, auth });
    await p.until(p.ended, 'the stream to end');
    expect(p.error()).toBeInstanceOf(AuthError);
    expect(p.kinds()).toEqual(['connecting', 'reconnecting', 'connecting', 'open', 'reconnecting', 'connecting', 'closed']);
    expect(p.events).toHaveLength(1);
    expectClean(p, ...secrets);
  });

  it('in the URL of connecting and open statuses (Tutum query token)', async () => {
    const server = await startServer({ connection: (c) => void c.send({ type: 'auth' }) });
    const p = probe({ ...FAST, url: server.url, dialect: 'tutum', auth: { user: 'me', apiKey: API_KEY } });
    await p.until(() => p.ofKind('authenticated').length === 1, 'authentication');
    expect(server.requests[0]!.query['token']).toBe(API_KEY);
    const url = p.ofKind('open')[0]!.url;
    expect(url).toBe(`${server.url}/v1/events?user=***&token=***`);
    expectClean(p, API_KEY);
  });

  it('when the server echoes the credential in its close reason', async () => {
    const server = await startServer({
      connection: (c) =>
        c.ws.close(4001, `bad credentials ${VERBATIM} at ${server.url}/api/audit/v1/events/?auth=${encodeURIComponent(VERBATIM)}`),
    });
    const p = probe({ ...FAST, url: server.url, auth: { authorization: VERBATIM, in: 'query' }, retry: false });
    await p.until(p.ended, 'the stream to end');
    const error = p.error() as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.closeCode).toBe(4001);
    expect(error.message).toContain('bad credentials TutumAccessKey ***');
    expectClean(p, VERBATIM, 'abc');
  });

  it('when the server echoes the credential in an in-band UNAUTHORIZED message', async () => {
    const server = await startServer({ connection: (c) => void c.send(errorMessage(`UNAUTHORIZED: ${BASIC}`)) });
    const p = probe({ ...FAST, url: server.url, auth: { user: 'me', apiKey: API_KEY } });
    await p.until(p.ended, 'the stream to end');
    expect(p.error()).toBeInstanceOf(AuthError);
    expectClean(p, API_KEY, BASIC);
  });

  it('when the server echoes the credential in malformed frames', async () => {
    const server = await startServer({
      connection: (c) =>
        void c.send(
          `not json ${VERBATIM}`,
          JSON.stringify({ type: 'container', token: VERBATIM }),
          `{"type":"service","action":"update","parents":[],"resource_uri":"${VERBATIM}`,
          containerEvent('c1', 'Running'),
        ),
    });
    const p = probe({ ...FAST, url: server.url, auth: { authorization: VERBATIM } });
    await p.until(() => p.events.length === 1, 'the good event');
    expect(p.ofKind('rejected').map((s) => s.error.kind)).toEqual(['syntax', 'schema', 'syntax']);
    expectClean(p, VERBATIM, 'abc');
  });

  it('in the message of an invalid option', () => {
    const attempts = [
      () => streamEvents({ env: {}, url: `not a url?token=${API_KEY}` }),
      () => streamEvents({ env: {}, url: `wss://me:${API_KEY}@example.com/` }),
      () => streamEvents({ env: {}, url: 'ws://127.0.0.1:1', dialect: 'tutum', auth: { authorization: VERBATIM } }),
    ];
    for (const attempt of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      const text = `${exposedText(thrown)} ${String(thrown)}`;
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(VERBATIM);
    }
  });
});
