// `emulator.connectionChanges`: a real emulator on 127.0.0.1, real `ws` clients.
import { startEmulator, type Emulator, type EmulatorConnectionChange } from '../../lib/emulator/index.js';
import { ClientPool, dockerCloud } from './support.js';

jest.setTimeout(20_000);

/** Every change of an emulator, and whether the Observable completed. */
function record(emulator: Emulator): { readonly changes: EmulatorConnectionChange[]; completed: boolean } {
  const log = { changes: [] as EmulatorConnectionChange[], completed: false };
  emulator.connectionChanges.subscribe({ next: (change) => log.changes.push(change), complete: () => (log.completed = true) });
  return log;
}

/** Resolves once `predicate` holds, looking every 10 ms. */
async function until(predicate: () => boolean, what: string, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('emulator.connectionChanges', () => {
  const pool = new ClientPool();
  const running: Emulator[] = [];
  afterEach(async () => {
    await pool.closeAll();
    await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
  });

  it('reports a connection opened, authenticated and closed, in order, each with its snapshot then', async () => {
    const emulator = await startEmulator({ paused: true });
    running.push(emulator);
    const log = record(emulator);
    let listedWhenOpened: number[] = [];
    emulator.connectionChanges.subscribe((change) => {
      if (change.kind === 'opened') listedWhenOpened = emulator.connections.map((c) => c.id);
    });
    const client = await pool.connect(...dockerCloud(emulator, '?type=service'));
    await until(() => log.changes.length >= 2, 'opened and authenticated');
    emulator.step(20);
    await client.until(() => client.frames.length >= 1, 3000, 'a service event');
    const sent = emulator.connections[0]!.eventsSent;
    client.ws.close(1000);
    await until(() => log.changes.length >= 3, 'closed');

    expect(log.changes.map((change) => change.kind)).toEqual(['opened', 'authenticated', 'closed']);
    const [opened, authenticated, closed] = log.changes.map((change) => change.connection);
    // The same connection throughout, as the emulator sees it.
    for (const snapshot of [opened, authenticated, closed]) {
      expect(snapshot).toMatchObject({
        id: 1,
        path: '/api/audit/v1/events/',
        dialect: 'dockercloud',
        namespace: undefined,
        remoteAddress: '127.0.0.1',
        filter: { type: ['service'] },
      });
      expect(Object.isFrozen(snapshot)).toBe(true);
      // Data only: the controls stay on `emulator.connections`.
      expect('inject' in snapshot!).toBe(false);
    }
    // Snapshots at the moment, not live views: the first saw nothing sent, the last all of it.
    expect(opened).toMatchObject({ state: 'open', eventsSent: 0 });
    expect(closed).toMatchObject({ state: 'closed', eventsSent: sent });
    expect(sent).toBeGreaterThan(0);
    // `opened` comes once the connection is listed, `closed` once it is not.
    expect(listedWhenOpened).toEqual([1]);
    expect(emulator.connections).toEqual([]);
    expect(log.completed).toBe(false);
  });

  it('never authenticates a connection accepted only to be refused in band', async () => {
    const emulator = await startEmulator({ paused: true, inBandAuthErrors: true });
    running.push(emulator);
    const log = record(emulator);
    const client = await pool.connect(`${emulator.url}/api/audit/v1/events/`, { headers: { Authorization: 'Basic bm9ib2R5Om5vcGU=' } });
    expect((await client.closed).code).toBe(1008);
    await until(() => log.changes.length >= 2, 'opened and closed');
    expect(log.changes.map((change) => `${change.kind} ${change.connection.id}`)).toEqual(['opened 1', 'closed 1']);
  });

  it('tells each of several connections apart, and gives a late subscriber only what follows', async () => {
    const emulator = await startEmulator({ paused: true });
    running.push(emulator);
    const early = record(emulator);
    const first = await pool.connect(...dockerCloud(emulator));
    await until(() => early.changes.length >= 2, 'the first connection');
    const late = record(emulator);
    const second = await pool.connect(...dockerCloud(emulator, '?type=container'));
    await until(() => early.changes.length >= 4, 'the second connection');
    first.ws.close(1000);
    await until(() => early.changes.length >= 5, 'the first closed');
    second.ws.terminate();
    await until(() => early.changes.length >= 6, 'the second closed');
    const described = (log: { changes: EmulatorConnectionChange[] }): string[] => log.changes.map((c) => `${c.kind} ${c.connection.id}`);
    expect(described(early)).toEqual(['opened 1', 'authenticated 1', 'opened 2', 'authenticated 2', 'closed 1', 'closed 2']);
    expect(described(late)).toEqual(['opened 2', 'authenticated 2', 'closed 1', 'closed 2']);
  });

  it('reports every connection closed by stop(), then completes', async () => {
    const emulator = await startEmulator({ paused: true });
    const log = record(emulator);
    const clients = [await pool.connect(...dockerCloud(emulator)), await pool.connect(...dockerCloud(emulator))];
    await until(() => log.changes.length >= 4, 'both connections');
    await emulator.stop();
    expect(log.completed).toBe(true);
    const closedIds = log.changes.filter((change) => change.kind === 'closed').map((change) => change.connection.id);
    expect(closedIds.sort()).toEqual([1, 2]);
    for (const client of clients) expect((await client.closed).code).toBe(1001);
    // Nothing after the end, and a subscriber after it completes at once.
    let lateCompleted = false;
    emulator.connectionChanges.subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
  });
});
