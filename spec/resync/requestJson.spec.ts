import { firstValueFrom } from 'rxjs';
import { AuthError } from '../../lib/errors/AuthError.js';
import { RestError } from '../../lib/errors/RestError.js';
import type { RestFetch } from '../../lib/resync/RestFetch.js';
import { requestJson } from '../../lib/resync/requestJson.js';

const request = (fetch: RestFetch) =>
  requestJson({
    fetch,
    url: 'http://127.0.0.1:2/x?token=k3y',
    printableUrl: 'http://127.0.0.1:2/x?token=***',
    headers: {},
    scrub: (t) => t.split('k3y').join('***'),
  });

describe('requestJson, over a promise-based fetch', () => {
  it('reads the body of a 2xx answer, and no date without headers', async () => {
    await expect(
      firstValueFrom(request(() => Promise.resolve({ status: 200, json: () => Promise.resolve({ objects: [] }) }))),
    ).resolves.toEqual({ body: { objects: [] }, date: undefined });
  });

  it("reads the server's Date header, as fetch's Headers give it", async () => {
    const headers = new Headers({ Date: 'Mon, 01 Feb 2016 16:47:28 GMT' });
    await expect(
      firstValueFrom(request(() => Promise.resolve({ status: 200, headers, json: () => Promise.resolve({ objects: [] }) }))),
    ).resolves.toEqual({ body: { objects: [] }, date: Date.parse('2016-02-01T16:47:28Z') });
  });

  it.each([
    [401, AuthError, 'The REST API refused the credentials (HTTP 401)'],
    [403, AuthError, 'The REST API refused the credentials (HTTP 403)'],
    [404, RestError, 'The REST API refused http://127.0.0.1:2/x?token=*** (HTTP 404)'],
    [429, RestError, 'The REST API is throttling requests (HTTP 429) at http://127.0.0.1:2/x?token=***'],
    [502, RestError, 'The REST API failed at http://127.0.0.1:2/x?token=*** (HTTP 502)'],
  ])('turns HTTP %i into its typed error', async (status, type, message) => {
    const error: unknown = await firstValueFrom(request(() => Promise.resolve({ status, json: () => Promise.resolve({}) }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe(message);
  });

  it('reports a body that is not JSON, and a failed request, without the credential', async () => {
    const notJson: unknown = await firstValueFrom(
      request(() => Promise.resolve({ status: 200, json: () => Promise.reject(new SyntaxError('Unexpected token <')) })),
    ).catch((e: unknown) => e);
    expect(notJson).toMatchObject({
      name: 'RestError',
      kind: 'schema',
      message: 'The answer of http://127.0.0.1:2/x?token=*** is not JSON: Unexpected token <',
    });
    const failed: unknown = await firstValueFrom(
      request(() =>
        Promise.reject(
          Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED http://127.0.0.1:2/x?token=k3y') }),
        ),
      ),
    ).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      kind: 'network',
      message: 'The request to http://127.0.0.1:2/x?token=*** failed: connect ECONNREFUSED http://127.0.0.1:2/x?token=***',
    });
    const thrown: unknown = await firstValueFrom(
      request(() => {
        throw new TypeError('bad');
      }),
    ).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ kind: 'network' });
  });

  it('aborts a request that is still in flight when unsubscribed, and not one that answered', async () => {
    const signals: AbortSignal[] = [];
    const pending = request((_url, init) => {
      signals.push(init.signal!);
      return new Promise(() => undefined);
    }).subscribe();
    pending.unsubscribe();
    await firstValueFrom(
      request((_url, init) => {
        signals.push(init.signal!);
        return Promise.resolve({ status: 200, json: () => 1 });
      }),
    );
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });
});
