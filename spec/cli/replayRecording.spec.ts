import type { TestScheduler } from 'rxjs/testing';
import { replayRecording } from '../../lib/cli/replayRecording.js';
import { createEventTestScheduler } from '../../lib/testing/index.js';

describe('replayRecording', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => {
    testScheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const records = [
    { t: 100, event: 'a' },
    { t: 100, event: 'b' },
    { t: 140, event: 'c' },
    { t: 200, event: 'd' },
  ];

  it('keeps the recorded gaps, from the first event, and completes after the last', () => {
    testScheduler.run(({ expectObservable }) => {
      expectObservable(replayRecording(records, { scheduler: testScheduler })).toBe('(ab) 36ms c 59ms (d|)');
    });
  });

  it('speeds up by a factor', () => {
    testScheduler.run(({ expectObservable }) => {
      expectObservable(replayRecording(records, { speed: 2, scheduler: testScheduler })).toBe('(ab) 16ms c 29ms (d|)');
    });
  });

  it('emits everything at once with max, and completes an empty recording', () => {
    testScheduler.run(({ expectObservable }) => {
      expectObservable(replayRecording(records, { speed: 'max', scheduler: testScheduler })).toBe('(abcd|)');
      expectObservable(replayRecording([], { scheduler: testScheduler })).toBe('|');
    });
  });

  it('stops its timers when unsubscribed, and replays from the start for each subscriber', () => {
    testScheduler.run(({ expectObservable }) => {
      const replay = replayRecording(records, { scheduler: testScheduler });
      expectObservable(replay, '^ 50ms !').toBe('(ab) 36ms c');
      expectObservable(replay, '20ms ^').toBe('20ms (ab) 36ms c 59ms (d|)');
    });
  });
});
