import { checkOption, MAX_TIMER } from '../../lib/options/checkOption.js';
import { describeValue } from '../../lib/options/describeValue.js';
import { listOf } from '../../lib/options/listOf.js';
import type { Fail, OptionSpec } from '../../lib/options/OptionCheck.js';
import { suggestKey } from '../../lib/options/suggestKey.js';

class Problem extends Error {}
const fail: Fail = (option, message) => {
  throw new Problem(`${option}: ${message}`);
};

/** What `spec` says of `value` at `path`: undefined when it passes, else `option: message`. */
function verdict(spec: OptionSpec, value: unknown, path = 'x', secret?: boolean): string | undefined {
  try {
    checkOption(spec, value, path, fail, secret);
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return error.message;
    throw error;
  }
}

describe('describeValue', () => {
  it('says the type of every value, and shows strings, numbers and booleans', () => {
    expect(describeValue('100')).toBe('a string "100"');
    expect(describeValue(100)).toBe('a number 100');
    expect(describeValue(Number.NaN)).toBe('a number NaN');
    expect(describeValue(false)).toBe('a boolean false');
    expect(describeValue(undefined)).toBe('an undefined');
    expect(describeValue(null)).toBe('a null');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(10n)).toBe('a bigint 10');
  });

  it('never shows a secret, and quotes a string so that it cannot carry a control character', () => {
    expect(describeValue('k3y-S3CRET', true)).toBe('a string');
    expect(describeValue(12345, true)).toBe('a number');
    expect(describeValue('a\u001b[2J\nb')).toBe('a string "a\\u001b[2J\\nb"');
  });
});

describe('suggestKey', () => {
  const retry = ['baseDelay', 'maxDelay', 'maxAttempts', 'resetAfter', 'minInterval'];
  it('finds the key in another case, or one typo away', () => {
    expect(suggestKey('URL', ['url', 'namespace'])).toBe('url');
    expect(suggestKey('maxAttempt', retry)).toBe('maxAttempts');
    expect(suggestKey('maxdelai', retry)).toBe('maxDelay');
    expect(suggestKey('namespce', ['url', 'namespace'])).toBe('namespace');
    expect(suggestKey('nmaespace', ['url', 'namespace'])).toBe('namespace');
  });

  it('guesses nothing when no key is close', () => {
    expect(suggestKey('timeout', retry)).toBeUndefined();
    expect(suggestKey('x', ['y'])).toBeUndefined();
    expect(suggestKey('delay', retry)).toBeUndefined();
  });
});

describe('checkOption', () => {
  it('a typeof name: that type, or either of two', () => {
    expect(verdict('boolean', true)).toBeUndefined();
    expect(verdict('boolean', 'true')).toBe('x: expected a boolean, got a string "true"');
    expect(verdict('function or object', () => 1)).toBeUndefined();
    expect(verdict('function or object', {})).toBeUndefined();
    expect(verdict('function or object', 'log')).toBe('x: expected a function or object, got a string "log"');
  });

  it('a number: from the minimum to what a timer holds, never NaN, Infinity or a numeric string', () => {
    expect(verdict(0, 0)).toBeUndefined();
    expect(verdict(0, MAX_TIMER)).toBeUndefined();
    expect(verdict(0, MAX_TIMER + 1)).toBe(`x: expected a number from 0 to ${MAX_TIMER}, got a number 2147483648`);
    expect(verdict(1, 0)).toMatch(/got a number 0$/);
    expect(verdict(0, Number.NaN)).toMatch(/got a number NaN$/);
    expect(verdict(0, Infinity)).toMatch(/got a number Infinity$/);
    expect(verdict(0, '100')).toBe(`x: expected a number from 0 to ${MAX_TIMER}, got a string "100"`);
  });

  it('a RegExp: a string it matches', () => {
    expect(verdict(/^\w+$/, 'acme')).toBeUndefined();
    expect(verdict(/^\w+$/, 'a/b')).toBe('x: expected a string matching /^\\w+$/, got a string "a/b"');
    expect(verdict(/^\w+$/, 42)).toBe('x: expected a string matching /^\\w+$/, got a number 42');
  });

  it('an array: one of its values', () => {
    expect(verdict(['header', 'query'], 'query')).toBeUndefined();
    expect(verdict(['header', 'query'], 'body')).toBe('x: expected "header" or "query", got a string "body"');
  });

  it('hides the value under secret', () => {
    expect(verdict(/^\w+$/, 'k3y S3CRET', 'auth.apiKey', true)).toBe('auth.apiKey: expected a string matching /^\\w+$/, got a string');
    expect(verdict({ apiKey: 'string' }, 'k3y-S3CRET', 'auth', true)).toBe('auth: expected an object, got a string');
  });

  it('a shape: only known keys, with a guess, and each present value checked at its dotted path', () => {
    const shape: OptionSpec = { url: 'string', retry: { maxDelay: 1 }, list: listOf(/^\w+$/) };
    expect(verdict(shape, { url: 'wss://h', retry: { maxDelay: 3 }, list: ['a', 'b'] }, '')).toBeUndefined();
    expect(verdict(shape, { url: undefined }, '')).toBeUndefined();
    expect(verdict(shape, { URL: 'wss://h' }, '')).toBe('URL: not an option (did you mean url?)');
    expect(verdict(shape, { retry: { maxDelai: 3 } }, '')).toBe('retry.maxDelai: not an option (did you mean retry.maxDelay?)');
    expect(verdict(shape, { colour: true }, '')).toBe('colour: not an option');
    expect(verdict(shape, { retry: { maxDelay: '3' } }, '')).toBe(
      `retry.maxDelay: expected a number from 1 to ${MAX_TIMER}, got a string "3"`,
    );
    expect(verdict(shape, 'wss://h', '')).toBe('options: expected an object, got a string "wss://h"');
    expect(verdict(shape, { retry: [] }, '')).toBe('retry: expected an object, got an array');
    expect(verdict(shape, { retry: null }, '')).toBe('retry: expected an object, got a null');
    // A key inherited from Object.prototype is not an option either.
    expect(verdict(shape, { toString: 1 }, '')).toBe('toString: not an option');
  });

  it('a hand-written check: called with the value, its path and fail', () => {
    const even: OptionSpec = (v, path, f) => {
      if (typeof v !== 'number' || v % 2 !== 0) f(path, 'expected an even number');
    };
    expect(verdict({ n: even }, { n: 2 }, '')).toBeUndefined();
    expect(verdict({ n: even }, { n: 3 }, '')).toBe('n: expected an even number');
  });
});

describe('listOf', () => {
  const types = listOf(/^\w+$/);
  it('takes one value or a non-empty array, each item checked at its index', () => {
    expect(verdict(types, 'service')).toBeUndefined();
    expect(verdict(types, ['service', 'node'])).toBeUndefined();
    expect(verdict(types, [])).toBe('x: expected a value or a non-empty array of them');
    expect(verdict(types, ['service', 'no de'])).toBe('x[1]: expected a string matching /^\\w+$/, got a string "no de"');
  });
});
