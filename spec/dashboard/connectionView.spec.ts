import { ConnectionError } from '../../lib/index.js';
import type { WatchStatus } from '../../lib/index.js';
import { INITIAL_CONNECTION, nextConnectionView, type ConnectionView } from '../../lib/dashboard/connectionView.js';
import { describeConnection } from '../../lib/dashboard/describeConnection.js';

const counters = (connections: number, reconnects = 0) => ({ connections, reconnects, events: 0, rejected: 0 });
const resync = { lists: 1, listFailures: 0, listFailuresByKind: {}, synthetic: 0, stale: 0, duplicates: 0, reflected: 0, compacted: 0 };

function fold(statuses: readonly WatchStatus[], now = 1000): ConnectionView {
  return statuses.reduce((view, status) => nextConnectionView(view, status, now), INITIAL_CONNECTION);
}

describe('the connection badge', () => {
  const url = 'ws://127.0.0.1:1/api/audit/v1/events/?user=u&token=***';
  const lost = new ConnectionError('The server closed the connection (code 1006)', { kind: 'closed', closeCode: 1006 });

  it('goes connecting → syncing → live with the first connection and its listing', () => {
    expect(fold([{ kind: 'connecting', attempt: 0, url, counters: counters(0) }]).phase).toBe('connecting');
    expect(fold([{ kind: 'open', reconnected: false, url, counters: counters(1) }]).phase).toBe('syncing');
    const live = fold([
      { kind: 'open', reconnected: false, url, counters: counters(1) },
      { kind: 'listing', attempt: 0, reconnected: false, counters: { ...resync, lists: 0 } },
      { kind: 'synced', resources: 3, changes: 3, buffered: 0, counters: resync },
    ]);
    expect(live).toMatchObject({ phase: 'live', lists: 1, reason: undefined });
    expect(describeConnection(live, 0)).toEqual({ title: 'Live', detail: 'following the stream' });
  });

  it('shows a reconnection with its attempt and a countdown, then live again after the resync', () => {
    const reconnecting = fold([
      { kind: 'open', reconnected: false, url, counters: counters(1) },
      { kind: 'synced', resources: 3, changes: 3, buffered: 0, counters: resync },
      { kind: 'reconnecting', attempt: 1, delay: 1500, error: lost, counters: counters(1) },
    ]);
    expect(reconnecting).toMatchObject({ phase: 'reconnecting', attempt: 1, retryAt: 2500 });
    expect(describeConnection(reconnecting, 1300)).toEqual({
      title: 'Reconnecting',
      detail: 'attempt 1 · next try in 1.2 s · The server closed the connection (code 1006)',
    });
    const trying = nextConnectionView(reconnecting, { kind: 'connecting', attempt: 1, url, counters: counters(1, 1) }, 2600);
    expect(trying.phase).toBe('reconnecting');
    expect(describeConnection(trying, 2600).detail).toMatch(/^attempt 1 · connecting now/);
    const back = [
      { kind: 'open', reconnected: true, url, counters: counters(2, 1) },
      { kind: 'synced', resources: 4, changes: 1, buffered: 0, counters: { ...resync, lists: 2 } },
    ] as const;
    const live = back.reduce((view: ConnectionView, status) => nextConnectionView(view, status, 3000), trying);
    expect(live).toMatchObject({ phase: 'live', reconnects: 1, lists: 2, retryAt: undefined });
    expect(describeConnection(live, 3000).detail).toBe('following the stream · resynced after 1 reconnect');
  });

  it('ends closed, with the reason', () => {
    const closed = fold([{ kind: 'closed', error: lost, counters: counters(1) }]);
    expect(describeConnection(closed, 0)).toEqual({ title: 'Disconnected', detail: 'The server closed the connection (code 1006)' });
  });
});
