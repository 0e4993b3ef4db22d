// Attacks on the details cache from the REST API it asks (`GET <resource_uri>`): a real HTTP
// server on 127.0.0.1, one per attack, answering the details request with terminal escapes,
// with the credentials it received echoed back, with JSON nested 100,000 deep, or never. The
// events go on undelayed, nothing a server sends acts on a terminal or leaks a credential, and
// every failure is a typed, retried then given-up error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Subject } from 'rxjs';
import { formatEvents } from '../../lib/cli/formatEvents.js';
import { createPalette } from '../../lib/cli/Palette.js';
import type { DetailsStatus } from '../../lib/details/DetailsStatus.js';
import type { CloudEvent } from '../../lib/index.js';
import { createDetailsCache } from '../../lib/node/createDetailsCache.js';
import { containerEvent, serviceEvent, uri } from '../../lib/testing/index.js';
import { expectNoLeak, expectNoLeakIn } from '../credentials/support/leaks.js';

jest.setTimeout(20_000);

const AUTH = { user: 'hostile-user', apiKey: 'details-key-0123456789abcdef' } as const;
const SECRETS = [AUTH.apiKey, Buffer.from(`${AUTH.user}:${AUTH.apiKey}`).toString('base64')];
const WEB = uri('service', 'web');

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A REST API on 127.0.0.1 answering every request with `answer`; resolves with its URL and requests. */
async function hostileApi(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function json(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body);
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cacheOn(url: string, statuses: DetailsStatus[], options: { timeout?: number } = {}) {
  return createDetailsCache({
    restUrl: url,
    auth: AUTH,
    env: {},
    retry: { baseDelay: 20, maxDelay: 50, maxAttempts: 3 },
    status: (status) => statuses.push(status),
    ...options,
  });
}

describe('hostile REST API: the details of a resource', () => {
  it('answers with terminal escapes in the name: kept as data, printed as visible escapes, acting on nothing', async () => {
    const hostileName = 'web\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil';
    const api = await hostileApi((req, res) => json(res, 200, JSON.stringify({ resource_uri: req.url, name: hostileName })));
    const statuses: DetailsStatus[] = [];
    const names = cacheOn(api.url, statuses);
    const events = new Subject<CloudEvent>();
    const lines: string[] = [];
    events
      .pipe(names.follow(), formatEvents({ palette: createPalette(true), label: (u) => names.get(u)?.name }))
      .subscribe((line) => lines.push(line));
    events.next(serviceEvent('web', 'Running'));
    await waitFor(() => names.get(WEB) !== undefined, 'the details');
    events.next(serviceEvent('web', 'Running'));
    events.next(containerEvent('web-1', 'Running', { parents: [WEB] }));
    expect(names.get(WEB)?.name).toBe(hostileName);
    expect(lines).toHaveLength(3);
    // The name is shown on the lines after its details came, as escapes a person can read.
    for (const line of lines.slice(1)) {
      expect(line.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      expect(line).toContain('web');
    }
    expect(statuses).toEqual([]);
  });

  it('echoes the credentials it received in the fields and in error answers: none reaches the details, a status or an error', async () => {
    let calls = 0;
    const api = await hostileApi((req, res) => {
      const echo = `${req.headers.authorization ?? ''} ${AUTH.apiKey} ${encodeURIComponent(AUTH.apiKey)}`;
      calls += 1;
      if (req.url?.includes('/service/db/') && calls < 10) json(res, 500, JSON.stringify({ error: echo }));
      else if (req.url?.includes('/service/bad/')) json(res, 200, `not json ${echo}`);
      else json(res, 200, JSON.stringify({ resource_uri: req.url, name: `web ${echo}`, image_name: echo, nested: { echo } }));
    });
    const statuses: DetailsStatus[] = [];
    const names = cacheOn(api.url, statuses);
    const errors: unknown[] = [];
    for (const id of ['web', 'db', 'bad']) names.details(uri('service', id)).subscribe({ error: (e: unknown) => errors.push(e) });
    await waitFor(() => names.get(WEB) !== undefined && errors.length === 2, 'the details and two give-ups');
    expect(names.get(WEB)?.name).toMatch(/^web /);
    expectNoLeakIn(names.get(WEB), SECRETS);
    expectNoLeakIn(statuses, SECRETS);
    for (const error of errors) {
      expectNoLeakIn(error, SECRETS);
      expectNoLeak((error as Error).message, SECRETS);
    }
    expect(errors.map((e) => (e as { kind: string }).kind).sort()).toEqual(['schema', 'server']);
    expect((errors.find((e) => (e as { kind: string }).kind === 'server') as { attempts: number }).attempts).toBe(3);
  });

  it('answers with JSON nested 100,000 deep: handled (the nesting dropped, or a typed error), never a crash', async () => {
    const depth = 100_000;
    const api = await hostileApi((req, res) =>
      json(res, 200, `{"resource_uri":${JSON.stringify(req.url)},"name":"deep","x":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );
    const statuses: DetailsStatus[] = [];
    const names = cacheOn(api.url, statuses);
    const errors: unknown[] = [];
    names.details(WEB).subscribe({ error: (e: unknown) => errors.push(e) });
    await waitFor(() => names.get(WEB) !== undefined || errors.length > 0, 'an answer or a give-up');
    if (errors.length === 0) {
      // Parsed: only the flat fields are kept, and they print.
      expect(names.get(WEB)).toEqual({ resource_uri: '/api/app/v1/test/service/web/', name: 'deep' });
      expect(JSON.stringify(names.get(WEB))).toContain('deep');
    } else {
      expect(errors[0]).toMatchObject({ name: 'RestError', kind: 'schema' });
    }
  });

  it('never answers: the events go on at once, the request times out, is retried with the backoff, then given up', async () => {
    const api = await hostileApi(() => undefined);
    const statuses: DetailsStatus[] = [];
    const names = cacheOn(api.url, statuses, { timeout: 100 });
    const events = new Subject<CloudEvent>();
    const passed: number[] = [];
    const started = Date.now();
    events.pipe(names.follow()).subscribe(() => passed.push(Date.now() - started));
    events.next(serviceEvent('web', 'Running'));
    events.next(serviceEvent('web', 'Running'));
    // Not held back by the request in flight.
    expect(passed).toHaveLength(2);
    expect(passed[1]!).toBeLessThan(50);
    await waitFor(() => statuses.some((s) => s.kind === 'gave-up'), 'the give-up');
    expect(statuses.map((s) => (s.kind === 'gave-up' ? `gave-up ${s.error.kind}` : `retrying ${s.error.kind}`))).toEqual([
      'retrying timeout',
      'retrying timeout',
      'gave-up timeout',
    ]);
    expect(api.requests).toHaveLength(3);
    expect(names.get(WEB)).toBeUndefined();
  });
});
