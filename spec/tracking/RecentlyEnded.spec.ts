import { RecentlyEnded } from '../../lib/tracking/RecentlyEnded.js';

describe('RecentlyEnded', () => {
  it('remembers the state each of the last `capacity` ends was in', () => {
    const ended = new RecentlyEnded(4);
    for (let i = 0; i < 10; i++) ended.add(`r${i}`, i % 2 === 0 ? 'Terminated' : undefined);
    for (let i = 6; i < 10; i++) expect(ended.has(`r${i}`)).toBe(true);
    expect(ended.stateOf('r8')).toBe('Terminated');
    expect(ended.stateOf('r9')).toBeUndefined();
    expect(ended.has('r0')).toBe(false);
  });

  it('never holds more than twice its capacity, however many ends stream past', () => {
    const ended = new RecentlyEnded(8);
    for (let i = 0; i < 10_000; i++) {
      ended.add(`r${i}`, 'Stopped');
      expect(ended.size).toBeLessThanOrEqual(16);
      expect(ended.size).toBeGreaterThanOrEqual(Math.min(i + 1, 8));
    }
  });

  it('takes an end recorded again as the newest, with its new state', () => {
    const ended = new RecentlyEnded(2);
    ended.add('a', 'Stopped');
    ended.add('b', 'Stopped');
    ended.add('a', 'Terminated');
    expect(ended.stateOf('a')).toBe('Terminated');
    ended.add('c', 'Stopped');
    ended.add('d', 'Stopped');
    // 'a' is in the previous generation now, which 'c' and 'd' have not pushed out yet.
    expect(ended.has('a')).toBe(true);
    expect(ended.stateOf('a')).toBe('Terminated');
  });

  it('forgets a key when a new life begins', () => {
    const ended = new RecentlyEnded(2);
    ended.add('a', 'Stopped');
    ended.add('b', 'Stopped');
    ended.add('c', 'Stopped');
    ended.delete('a');
    ended.delete('c');
    expect(ended.has('a')).toBe(false);
    expect(ended.has('c')).toBe(false);
    expect(ended.has('b')).toBe(true);
  });
});
