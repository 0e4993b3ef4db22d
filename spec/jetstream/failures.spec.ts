// NATS unreachable: the library's backoff, a status per try, and no credential anywhere.
import { from, lastValueFrom, toArray } from 'rxjs';
import { isConnectionError } from '../../lib/errors/ConnectionError.js';
import { isStreamOptionsError } from '../../lib/errors/StreamOptionsError.js';
import { consumeEvents, publishEvents, type ConsumeStatus, type PublishStatus } from '../../lib/jetstream/index.js';
import { backoffDelay } from '../../lib/stream/backoffDelay.js';
import { containerEvent } from '../../lib/testing/eventBuilders.js';
import { freePort } from './support/natsServer.js';

jest.setTimeout(30_000);

const SECRET = 'n4ts-s3cret-pw';

describe('publishEvents and consumeEvents with NATS unreachable', () => {
  it('publishEvents backs off with the library’s delays, reports each try, and gives up after maxAttempts without printing the credential', async () => {
    const port = await freePort(); // nobody listens there
    const statuses: PublishStatus[] = [];
    const retry = { baseDelay: 20, maxDelay: 60, maxAttempts: 4 };
    const failure = await lastValueFrom(
      from([containerEvent('c1', 'Running', { uuid: 'u1' })]).pipe(
        publishEvents({ servers: `nats://relay:${SECRET}@127.0.0.1:${port}`, retry, random: () => 0.5, status: (s) => statuses.push(s) }),
        toArray(),
      ),
    ).catch((error: unknown) => error);
    expect(isConnectionError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^NATS failed 4 times in a row: /);
    const retrying = statuses.filter((s): s is Extract<PublishStatus, { kind: 'retrying' }> => s.kind === 'retrying');
    expect(retrying.map((s) => [s.attempt, s.delay])).toEqual([0, 1, 2].map((n) => [n + 1, backoffDelay(n, 20, 60, () => 0.5)]));
    expect(statuses.map((s) => s.kind)).toEqual([
      'connecting',
      'retrying',
      'connecting',
      'retrying',
      'connecting',
      'retrying',
      'connecting',
      'closed',
    ]);
    expect(statuses[0]).toMatchObject({ servers: [`nats://***@127.0.0.1:${port}`] });
    expect(JSON.stringify(statuses) + String(failure) + (failure as Error).message).not.toContain(SECRET);
  });

  it('consumeEvents does the same, and reports connecting with the redacted servers', async () => {
    const port = await freePort();
    const statuses: ConsumeStatus[] = [];
    const failure = await lastValueFrom(
      consumeEvents({
        servers: [`nats://reader:${SECRET}@127.0.0.1:${port}`],
        retry: { baseDelay: 10, maxDelay: 10, maxAttempts: 3 },
        status: (s) => statuses.push(s),
      }),
    ).catch((error: unknown) => error);
    expect(isConnectionError(failure)).toBe(true);
    expect(statuses.filter((s) => s.kind === 'retrying').map((s) => (s as { delay: number }).delay).length).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ kind: 'closed', error: failure });
    expect(JSON.stringify(statuses) + String(failure)).not.toContain(SECRET);
  });
});

describe('options', () => {
  it.each([
    [{}, 'servers'],
    [{ servers: 'nats://127.0.0.1:1', connection: {} }, 'servers'],
    [{ servers: [] }, 'servers'],
    [{ servers: 'nats://127.0.0.1:1', stream: 'a.b' }, 'stream'],
    [{ servers: 'nats://127.0.0.1:1', subjectPrefix: 'a.>' }, 'subjectPrefix'],
    [{ servers: 'nats://127.0.0.1:1', maxInFlight: 0 }, 'maxInFlight'],
    [{ servers: 'nats://127.0.0.1:1', maxInFlite: 3 }, 'maxInFlite'],
    [{ servers: 'nats://127.0.0.1:1', retry: { baseDelay: 100, maxDelay: 10 } }, 'retry.maxDelay'],
  ])('publishEvents(%j) throws a StreamOptionsError naming %s', (options, option) => {
    let thrown: unknown;
    try {
      publishEvents(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isStreamOptionsError(thrown)).toBe(true);
    expect((thrown as { option: string }).option).toBe(option);
  });

  it.each([
    [{ servers: 'nats://127.0.0.1:1', durable: 'a b' }, 'durable'],
    [{ servers: 'nats://127.0.0.1:1', deliver: 'last' }, 'deliver'],
    [{ servers: 'nats://127.0.0.1:1', filter: { type: 'containers' } }, 'filter.type'],
    [{ servers: 'nats://127.0.0.1:1', filter: { namespace: 3 } }, 'filter.namespace'],
    [{ servers: 'nats://127.0.0.1:1', batch: 0 }, 'batch'],
  ])('consumeEvents(%j) throws a StreamOptionsError naming %s', (options, option) => {
    let thrown: unknown;
    try {
      consumeEvents(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isStreamOptionsError(thrown)).toBe(true);
    expect((thrown as { option: string }).option).toBe(option);
  });
});
