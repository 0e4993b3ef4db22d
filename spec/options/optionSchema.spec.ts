import { describeValue } from '../../lib/options/describeValue.js';
import { is } from '../../lib/options/is.js';
import { listOf } from '../../lib/options/listOf.js';
import { MAX_TIMER, number } from '../../lib/options/number.js';
import { objectOf } from '../../lib/options/objectOf.js';
import type { Fail, OptionCheck } from '../../lib/options/OptionCheck.js';
import { oneOf } from '../../lib/options/oneOf.js';
import { suggestKey } from '../../lib/options/suggestKey.js';

class Problem extends Error {
  constructor(
    readonly option: string,
    readonly detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}
const fail: Fail = (option, message) => {
  throw new Problem(option, message);
};

/** What `check` says of `value` at the top: undefined when it passes, else `option: detail`. */
function verdict(check: OptionCheck, value: unknown, path = 'x'): string | undefined {
  try {
    check(value, path, fail);
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return error.message;
    throw error;
  }
}

describe('describeValue', () => {
  it('says the type of every value, and shows short non-secret ones', () => {
    expect(describeValue('100')).toBe('the string "100"');
    expect(describeValue(100)).toBe('the number 100');
    expect(describeValue(Number.NaN)).toBe('the number NaN');
    expect(describeValue(false)).toBe('the boolean false');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('an undefined');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(() => 1)).toBe('a function');
  });

  it('never shows a secret or a long value', () => {
    expect(describeValue('k3y-S3CRET', true)).toBe('a string');
    expect(describeValue(12345, true)).toBe('a number');
    expect(describeValue('x'.repeat(60))).toBe('a string');
  });
});

describe('suggestKey', () => {
  const retry = ['baseDelay', 'maxDelay', 'maxAttempts', 'resetAfter', 'minInterval'];
  it('finds the key in another case, or one or two typos away', () => {
    expect(suggestKey('URL', ['url', 'namespace'])).toBe('url');
    expect(suggestKey('maxAttempt', retry)).toBe('maxAttempts');
    expect(suggestKey('maxdelai', retry)).toBe('maxDelay');
    expect(suggestKey('namespce', ['url', 'namespace'])).toBe('namespace');
  });

  it('guesses nothing when no key is close', () => {
    expect(suggestKey('timeout', retry)).toBeUndefined();
    expect(suggestKey('uri', ['url'])).toBeUndefined();
    expect(suggestKey('x', ['y'])).toBeUndefined();
  });
});

describe('the checks', () => {
  it('is: says what was expected and what came', () => {
    const flag = is('true or false', (v) => typeof v === 'boolean');
    expect(verdict(flag, true)).toBeUndefined();
    expect(verdict(flag, 'true')).toBe('x: expected true or false, got the string "true"');
    expect(verdict(is('a key', (v) => typeof v === 'string' && v !== '', true), 'k3y S3CRET', 'auth.apiKey')).toBeUndefined();
    expect(verdict(is('a key', () => false, true), 'k3y-S3CRET', 'auth.apiKey')).toBe('auth.apiKey: expected a key, got a string');
  });

  it('number: bounded, whole when asked, never NaN, Infinity or a numeric string', () => {
    const delay = number(0);
    expect(verdict(delay, 0)).toBeUndefined();
    expect(verdict(delay, MAX_TIMER)).toBeUndefined();
    expect(verdict(delay, MAX_TIMER + 1)).toBe(`x: expected a number from 0 to ${MAX_TIMER}, got the number 2147483648`);
    expect(verdict(delay, -1)).toMatch(/got the number -1$/);
    expect(verdict(delay, Number.NaN)).toMatch(/got the number NaN$/);
    expect(verdict(delay, Infinity)).toMatch(/got the number Infinity$/);
    expect(verdict(delay, '100')).toBe(`x: expected a number from 0 to ${MAX_TIMER}, got the string "100"`);
    expect(verdict(number(1, 10, true), 2.5)).toBe('x: expected a whole number from 1 to 10, got the number 2.5');
  });

  it('oneOf: only the listed values', () => {
    expect(verdict(oneOf('header', 'query'), 'query')).toBeUndefined();
    expect(verdict(oneOf('header', 'query'), 'body')).toBe('x: expected "header" or "query", got the string "body"');
  });

  it('listOf: one value or a non-empty array, each item checked at its index', () => {
    const types = listOf(is('a word', (v) => typeof v === 'string' && /^\w+$/.test(v)));
    expect(verdict(types, 'service')).toBeUndefined();
    expect(verdict(types, ['service', 'node'])).toBeUndefined();
    expect(verdict(types, [])).toBe('x: expected a value or a non-empty array, got an array');
    expect(verdict(types, ['service', 'no de'])).toBe('x[1]: expected a word, got the string "no de"');
  });

  it('objectOf: only known keys, with a guess, and each present value checked at its dotted path', () => {
    const options = objectOf({ url: is('a URL', (v) => typeof v === 'string'), retry: objectOf({ maxAttempts: number(1, Infinity, true) }) });
    expect(verdict(options, { url: 'wss://h', retry: { maxAttempts: 3 } }, '')).toBeUndefined();
    expect(verdict(options, { url: undefined }, '')).toBeUndefined();
    expect(verdict(options, { URL: 'wss://h' }, '')).toBe('URL: not an option (did you mean url?)');
    expect(verdict(options, { retry: { maxAttempt: 3 } }, '')).toBe('retry.maxAttempt: not an option (did you mean retry.maxAttempts?)');
    expect(verdict(options, { colour: true }, '')).toBe('colour: not an option');
    expect(verdict(options, { retry: { maxAttempts: '3' } }, '')).toBe('retry.maxAttempts: expected a whole number from 1 to Infinity, got the string "3"');
    expect(verdict(options, 'wss://h', '')).toBe('options: expected an object, got the string "wss://h"');
    expect(verdict(options, { retry: [] }, '')).toBe('retry: expected an object, got an array');
    // A key inherited from Object.prototype is not an option either.
    expect(verdict(options, { toString: 1 }, '')).toBe('toString: not an option');
  });
});
