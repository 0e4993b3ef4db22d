import { isResourceType } from '../model/isResourceType.js';
import { checkOption } from '../options/checkOption.js';
import { listOf } from '../options/listOf.js';
import { describeValue } from '../options/describeValue.js';
import type { OptionCheck, OptionShape } from '../options/OptionCheck.js';
import { scanResourceUri } from '../uri/scanResourceUri.js';

/**
 * One resource URI or a non-empty array of them, in any form `parseResourceUri` reads, of a
 * known resource type.
 *
 * @internal
 * @example
 * ```ts
 * checkOption({ parents: RESOURCE_URIS }, { parents: '/a/' }, '', fail); // parents: expected a resource URI
 * ```
 */
export const RESOURCE_URIS = listOf((v, path, fail) => {
  const span = typeof v === 'string' ? scanResourceUri(v) : undefined;
  if (span === undefined || !isResourceType(span.text.slice(span.kindFrom, span.kindTo))) fail(path, 'expected a resource URI');
});
// No control character may reach a header or a query: CR or LF would split the request.
/* eslint-disable no-control-regex -- the control characters are the ones to reject. */
const CREDENTIAL = /^[^\0-\x1f\x7f]+$/;
const AUTH: OptionShape = {
  user: /^[^:\0-\x1f\x7f]+$/,
  apiKey: CREDENTIAL,
  authorization: /^ *[^\0-\x20\x7f][^\0-\x1f\x7f]*$/,
  in: ['header', 'query'],
};
/* eslint-enable no-control-regex */
const whole: OptionCheck = (v, path, fail) => {
  if (v !== Infinity && !(Number.isInteger(v) && (v as number) >= 1))
    fail(path, `expected a whole number >= 1 or Infinity, got ${describeValue(v)}`);
};

/**
 * The namespace grammar: a Docker Cloud user or organisation name, made of letters, digits,
 * `_`, `-` and `.`, but not `.` or `..` alone (each would move a path). The emulator's too.
 *
 * @internal
 * @example
 * ```ts
 * NAMESPACE.test('my.org_2-x'); // true
 * NAMESPACE.test('..');         // false
 * ```
 */
export const NAMESPACE = /^(?!\.\.?$)[\w.-]+$/;

/**
 * The options `streamEvents` takes, each with its spec: any other key is an error.
 * `watchResources` takes them too, but `filter` and `status`.
 *
 * The namespace is a Docker Cloud user or organisation name: letters, digits, `_`, `-` and
 * `.`, but not `.` or `..` alone (each would move the endpoint's path).
 *
 * @internal
 * @example
 * ```ts
 * checkOption(STREAM_OPTIONS, { URL: 'wss://h' }, '', fail); // URL: not an option (did you mean url?)
 * ```
 */
export const STREAM_OPTIONS: OptionShape = {
  url: 'string',
  namespace: NAMESPACE,
  filter: {
    // The types are checked against the known list once `allowUnknownTypes` is known.
    type: listOf(/\S/),
    object: RESOURCE_URIS,
    parent: RESOURCE_URIS,
    parentParam: ['parent', 'parents'],
    allowUnknownTypes: 'boolean',
  },
  dialect: ['dockercloud', 'tutum'],
  auth: (value, path, fail) => {
    if (value === 'none') return;
    // Credentials are never shown in a message, not even a wrong one.
    checkOption(AUTH, value, path, fail, true);
    const { user, apiKey, authorization } = value as Record<string, unknown>;
    if (authorization === undefined ? user === undefined || apiKey === undefined : user !== undefined || apiKey !== undefined) {
      fail(path, "expected { user, apiKey }, { authorization } or 'none'");
    }
  },
  WebSocket: 'function',
  retry: (value, path, fail) => {
    if (value !== false) {
      checkOption({ baseDelay: 1, maxDelay: 1, maxAttempts: whole, resetAfter: 0, minInterval: 0 }, value, path, fail);
    }
  },
  connectTimeout: 1,
  idleTimeout: 1,
  pongTimeout: 1,
  maxMessageSize: 1,
  strict: 'boolean',
  status: 'function or object',
  allowInsecure: 'boolean',
  scheduler: 'object',
  random: 'function',
};
