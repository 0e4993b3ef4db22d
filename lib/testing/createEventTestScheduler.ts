import { TestScheduler } from 'rxjs/testing';
import { deepEqual } from './deepEqual.js';

/** How a test framework asserts that two values are deeply equal (e.g. Jest's `toEqual`). */
export type DeepEqualAssertion = (actual: unknown, expected: unknown) => void;

function describeFrames(value: unknown): string {
  if (!Array.isArray(value)) return JSON.stringify(value, replacer, 2) ?? String(value);
  return value
    .map((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null || !('frame' in entry)) return JSON.stringify(entry, replacer);
      const { frame, notification } = entry as { frame: number; notification: Record<string, unknown> };
      const body =
        notification['kind'] === 'N'
          ? `next ${JSON.stringify(notification['value'], replacer)}`
          : notification['kind'] === 'E'
            ? `error ${JSON.stringify(notification['error'], replacer)}`
            : 'complete';
      return `  ${String(frame).padStart(5)}  ${body}`;
    })
    .join('\n');
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { Map: [...value.entries()] };
  if (value instanceof Set) return { Set: [...value.values()] };
  if (value instanceof Error) return { [value.name]: value.message };
  return value;
}

/**
 * Throws, with both sides frame by frame, when `actual` and `expected` differ: the assertion
 * {@link createEventTestScheduler} uses when no framework's is given.
 */
export function assertFramesEqual(actual: unknown, expected: unknown): void {
  if (deepEqual(actual, expected)) return;
  throw new Error(`Marble frames differ.\nExpected:\n${describeFrames(expected)}\nActual:\n${describeFrames(actual)}`);
}

/**
 * A `TestScheduler` for marble tests of pipelines over Docker Cloud events, in any test
 * framework. Pass the framework's deep-equality assertion to get its diffs, or nothing to get
 * a frame-by-frame report.
 *
 * @example
 * ```ts
 * const scheduler = createEventTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ cold, expectObservable }) => {
 *   const events = cold('a-b|', { a: containerEvent('c1', 'Starting'), b: containerEvent('c1', 'Running') });
 *   expectObservable(events.pipe(ofType('container'))).toBe('a-b|', { a: containerEvent('c1', 'Starting'), b: containerEvent('c1', 'Running') });
 * });
 * ```
 */
export function createEventTestScheduler(assertDeepEqual: DeepEqualAssertion = assertFramesEqual): TestScheduler {
  return new TestScheduler(assertDeepEqual);
}
