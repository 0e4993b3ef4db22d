import { AuthError } from '../../lib/errors/AuthError.js';
import { MessageError } from '../../lib/errors/MessageError.js';
import type { StreamOptions } from '../../lib/stream/StreamOptions.js';
import { streamEvents } from '../../lib/stream/streamEvents.js';
import type { WebSocketConstructor } from '../../lib/stream/WebSocketLike.js';
import { FakeWebSocketServer, errorMessage } from '../../lib/testing/index.js';
import { LOCAL_URL, Recording, StatusLog, at, expectNoSecret, exposedText, virtual } from './support/harness.js';

const API_KEY = 'apikey-S3CRET-7f3a9c2e11d04b6a8e5f';
const AUTHORIZATION = 'TutumAccessKey tok-S3CRET-91b2c3d4e5f6a7b8';
const base64 = Buffer.from(`me:${API_KEY}`, 'utf8').toString('base64');
const BASIC = `Basic ${base64}`;
const SECRETS = [API_KEY, AUTHORIZATION, BASIC, base64, 'tok-S3CRET-91b2c3d4e5f6a7b8'];

/**
 * Each way of giving credentials, the main credential, and every form of it the client puts
 * on the wire (which a server, proxy or socket error may echo back).
 */
const configs: [string, Partial<StreamOptions>, string, string[]][] = [
  ['a Basic header', { auth: { user: 'me', apiKey: API_KEY } }, API_KEY, [API_KEY, BASIC]],
  ['a verbatim header', { auth: { authorization: AUTHORIZATION } }, AUTHORIZATION, [AUTHORIZATION]],
  ['user and token in the query', { auth: { user: 'me', apiKey: API_KEY, in: 'query' } }, API_KEY, [API_KEY]],
  ['auth in the query', { auth: { authorization: AUTHORIZATION, in: 'query' } }, AUTHORIZATION, [AUTHORIZATION]],
  ['the Tutum dialect', { dialect: 'tutum', auth: { user: 'me', apiKey: API_KEY } }, API_KEY, [API_KEY]],
];

/** Everything a consumer can see: every status, and the error that ended the stream. */
function exposed(log: StatusLog, recording: Recording | undefined): unknown[] {
  return [...log.statuses, ...(recording?.error === undefined ? [] : [recording.error.value])];
}

function checkNothingLeaks(values: readonly unknown[]): void {
  for (const value of values) expectNoSecret(exposedText(value), SECRETS);
}

describe('streamEvents: credentials never leak', () => {
  it.each(configs)('from any status or error, with %s', (_name, auth, secret, forms) => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      const options: StreamOptions = { url: LOCAL_URL, WebSocket: server.WebSocket, status: log.report, random: () => 0, ...auth };
      recording = new Recording(streamEvents(options));
      // Every text the server or the socket produces echoes the credential and the full URL.
      const echo = () => `${forms.join(' ')} ${server.last.url} ${encodeURIComponent(secret)}`;
      at(10, () => server.last.fail('Unexpected server response: 503'));
      at(1010, () => server.last.fail(`connect failed: ${echo()}`));
      at(2010, () => server.last.open());
      at(2020, () => server.last.message(`{"echo":"${secret}","url":"${server.last.url}"`));
      at(2030, () =>
        server.last.message(JSON.stringify({ type: 'container', action: secret, parents: [], resource_uri: '/api/app/v1/container/x/' })),
      );
      at(2035, () => server.last.message(JSON.stringify({ type: secret.length > 0 ? 7 : 0, note: echo() })));
      at(2040, () => server.last.message(`${secret}${secret}${'x'.repeat(200)}`));
      at(2050, () => server.last.serverClose(4001, `revoked: ${echo()}`));
      // 3050: an attempt that never opens (connect timeout at 23050).
      at(23_060, () => server.last.open()); // stalls at 53060
      at(53_070, () => server.last.fail(`Unexpected server response: 401 for ${echo()}`));
    });
    // The scenario went through every path.
    expect(log.of('reconnecting').map((e) => e.value.error.kind)).toEqual(['server', 'network', 'closed', 'timeout', 'stalled']);
    expect(log.of('rejected').map((e) => e.value.error.kind)).toEqual(['syntax', 'schema', 'schema', 'syntax']);
    expect(recording!.error?.value).toBeInstanceOf(AuthError);
    // Echoed texts were kept, redacted.
    const network = log.of('reconnecting')[1]!.value.error.message;
    expect(network).toContain('***');
    expect(network).toContain(`${LOCAL_URL}/`);
    expect(log.of('reconnecting')[2]!.value.error.message).toMatch(
      /^The server closed the connection \(code 4001: revoked: (TutumAccessKey )?\*\*\*/,
    );
    // The scheme word of a verbatim value is no secret: only its token is.
    expect(log.of('rejected')[0]!.value.error.message).toMatch(/\{"echo":"(TutumAccessKey )?\*\*\*"/);
    for (const status of log.statuses) {
      if (status.kind === 'connecting' || status.kind === 'open') expect(status.url).not.toContain(secret);
    }
    expect(log.statuses.length).toBeGreaterThan(15);
    checkNothingLeaks(exposed(log, recording));
  });

  it.each(configs)('from a strict MessageError, with %s', (_name, auth, secret) => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, status: log.report, strict: true, ...auth }));
      at(1, () => server.last.open());
      at(2, () => server.last.message(`["${secret}", ${JSON.stringify(server.last.url)}, nonsense]`));
    });
    const error = recording!.error?.value as MessageError;
    expect(error).toBeInstanceOf(MessageError);
    expect(error.cause?.excerpt).toContain('***');
    checkNothingLeaks(exposed(log, recording));
  });

  it.each(configs)('when it gives up after maxAttempts, with %s', (_name, auth, secret, forms) => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(
        streamEvents({
          url: LOCAL_URL,
          WebSocket: server.WebSocket,
          status: log.report,
          random: () => 0,
          retry: { maxAttempts: 2 },
          ...auth,
        }),
      );
      at(1, () => server.last.fail(`ECONNRESET ${secret} ${forms.join(' ')}`));
      at(1001, () => server.last.fail(`ECONNRESET ${server.last.url} ${forms[0]}`));
    });
    expect(recording!.error?.value).toMatchObject({ name: 'ConnectionError', attempts: 2 });
    expect((recording!.error?.value as Error).message).toContain('***');
    checkNothingLeaks(exposed(log, recording));
  });

  it.each(configs)('on an in-band UNAUTHORIZED, with %s', (_name, auth) => {
    const server = new FakeWebSocketServer();
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents({ url: LOCAL_URL, WebSocket: server.WebSocket, status: log.report, ...auth }));
      at(1, () => server.last.open());
      at(2, () => server.last.message(JSON.stringify(errorMessage('UNAUTHORIZED'))));
    });
    expect(recording!.error?.value).toBeInstanceOf(AuthError);
    checkNothingLeaks(exposed(log, recording));
  });

  it.each(configs)('when the WebSocket constructor quotes the URL, with %s', (_name, auth) => {
    const Throwing = function (url: string) {
      throw new TypeError(`Cannot connect to ${url}`);
    } as unknown as WebSocketConstructor;
    const log = new StatusLog();
    let recording: Recording | undefined;
    virtual(() => {
      recording = new Recording(streamEvents({ url: LOCAL_URL, WebSocket: Throwing, status: log.report, ...auth }));
    });
    expect((recording!.error?.value as Error).message).toBe('The WebSocket could not be created (TypeError)');
    checkNothingLeaks(exposed(log, recording));
  });

  it('checks what it claims to check', () => {
    // The checker itself must catch each form of a secret.
    expect(() => expectNoSecret(`x ${API_KEY} y`, SECRETS)).toThrow();
    expect(() => expectNoSecret(`auth=${encodeURIComponent(AUTHORIZATION)}`, SECRETS)).toThrow();
    expect(() => expectNoSecret('auth=TutumAccessKey+tok-S3CRET-91b2c3d4e5f6a7b8', SECRETS)).toThrow();
    expect(() => checkNothingLeaks([new MessageError(`has ${BASIC}`, { kind: 'syntax' })])).toThrow();
    expect(() => checkNothingLeaks([{ kind: 'closed', error: { nested: { deep: base64 } } }])).toThrow();
  });
});
