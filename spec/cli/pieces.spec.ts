// The small pure pieces of the command line.
import { InvalidArgumentError } from 'commander';
import { from, lastValueFrom, toArray } from 'rxjs';
import { clientFilter } from '../../lib/cli/clientFilter.js';
import { colorEnabled } from '../../lib/cli/colorEnabled.js';
import { CREDENTIALS_HINT, describeFailure } from '../../lib/cli/describeFailure.js';
import { eventTime } from '../../lib/cli/eventTime.js';
import { ExitCode } from '../../lib/cli/ExitCode.js';
import { formatExports, shellQuote } from '../../lib/cli/formatExports.js';
import {
  collectList,
  collectTypes,
  collectUris,
  positiveInteger,
  probability,
  rate,
  seconds,
  secondsOrZero,
  seed,
  speed,
} from '../../lib/cli/optionParsers.js';
import { createPalette } from '../../lib/cli/Palette.js';
import { paintState } from '../../lib/cli/paintState.js';
import { scrubSecrets, secretsOf } from '../../lib/cli/scrubSecrets.js';
import { shortId, shortResource } from '../../lib/display/shortId.js';
import { stateTone } from '../../lib/display/stateTone.js';
import { EmulatorError } from '../../lib/emulator/EmulatorError.js';
import { AuthError } from '../../lib/errors/AuthError.js';
import { ConnectionError } from '../../lib/errors/ConnectionError.js';
import { HandshakeError } from '../../lib/errors/HandshakeError.js';
import { StreamOptionsError } from '../../lib/errors/StreamOptionsError.js';
import type { CloudEvent } from '../../lib/model/CloudEvent.js';
import { actionEvent, containerEvent, errorMessage, serviceEvent, uri } from '../../lib/testing/index.js';

describe('stateTone and paintState', () => {
  it.each([
    ['Running', 'good'],
    ['Deployed', 'good'],
    ['Success', 'good'],
    ['Starting', 'changing'],
    ['In progress', 'changing'],
    ['Partly running', 'changing'],
    ['Failed', 'bad'],
    ['Terminated', 'bad'],
    ['Unreachable', 'bad'],
    ['Stopped with errors', 'bad'],
    ['Stopped', 'neutral'],
    ['Not running', 'neutral'],
    ['Exploded', 'unknown'],
  ])('%s is %s', (state, tone) => {
    expect(stateTone(state)).toBe(tone);
  });

  it('paints green, yellow, red, plain and dim', () => {
    const palette = createPalette(true);
    expect(paintState('Running', palette)).toBe('\x1b[32mRunning\x1b[39m');
    expect(paintState('Scaling', palette)).toBe('\x1b[33mScaling\x1b[39m');
    expect(paintState('Failed', palette)).toBe('\x1b[31mFailed\x1b[39m');
    expect(paintState('Stopped', palette)).toBe('Stopped');
    expect(paintState('Exploded', palette)).toBe('\x1b[2mExploded\x1b[22m');
    expect(paintState('Failed', createPalette(false))).toBe('Failed');
  });
});

describe('colorEnabled', () => {
  const base = { isTTY: true, env: {}, platform: 'linux' };
  it('follows picocolors: flag, then NO_COLOR, then FORCE_COLOR, a terminal (not dumb) or CI', () => {
    expect(colorEnabled(base)).toBe(true);
    expect(colorEnabled({ ...base, isTTY: false })).toBe(false);
    expect(colorEnabled({ ...base, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorEnabled({ ...base, env: { NO_COLOR: '' } })).toBe(true);
    expect(colorEnabled({ ...base, env: { TERM: 'dumb' } })).toBe(false);
    expect(colorEnabled({ ...base, isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(colorEnabled({ ...base, isTTY: false, env: { CI: 'true' } })).toBe(true);
    expect(colorEnabled({ ...base, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).toBe(false);
    expect(colorEnabled({ ...base, env: { NO_COLOR: '1' }, flag: true })).toBe(true);
    expect(colorEnabled({ ...base, flag: false })).toBe(false);
  });
});

describe('shortId and shortResource', () => {
  it('shortens the uuid of any URI form to 8 characters', () => {
    expect(shortId('/api/app/v1/acme/container/093ba3bb-08dd-48f0-8f12-4d3b85ef85b3/')).toBe('093ba3bb');
    expect(shortId('/api/v1/service/5bcf0d3c-1111')).toBe('5bcf0d3c');
    expect(shortId('/api/audit/v1/acme/action/a1b2c3d4e5/')).toBe('a1b2c3d4');
    expect(shortId('not a uri')).toBe('not a ur');
    expect(shortResource('/api/app/v1/acme/service/5bcf0d3c-1111/')).toBe('service/5bcf0d3c');
    expect(shortResource('elsewhere')).toBe('elsewhere');
  });
});

describe('eventTime', () => {
  it('reads the datetime in UTC or local time, and falls back to the clock', () => {
    expect(eventTime('2016-02-01T16:47:28Z', { utc: true })).toBe('16:47:28');
    expect(eventTime('2015-12-11T03:58:43+01:00', { utc: true })).toBe('02:58:43');
    const local = new Date('2016-02-01T16:47:28Z');
    const two = (n: number): string => String(n).padStart(2, '0');
    expect(eventTime('2016-02-01T16:47:28Z')).toBe(`${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}`);
    const now = () => new Date('2020-01-01T01:02:03Z');
    expect(eventTime(undefined, { utc: true, now })).toBe('01:02:03');
    expect(eventTime('yesterday', { utc: true, now })).toBe('01:02:03');
  });
});

describe('secretsOf and scrubSecrets', () => {
  it('finds the key, the Basic encoding, DOCKERCLOUD_AUTH and its token, and their URL encodings', () => {
    const secrets = secretsOf({ DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: 'k3y/value', DOCKERCLOUD_AUTH: 'TutumAccessKey t0ken' });
    expect(secrets).toEqual(expect.arrayContaining(['k3y/value', 'k3y%2Fvalue', Buffer.from('me:k3y/value').toString('base64'), 't0ken']));
    expect(secrets).not.toContain('me');
    expect(scrubSecrets('token t0ken and k3y%2Fvalue, TutumAccessKey t0ken', secrets)).toBe('token *** and ***, TutumAccessKey ***');
    expect(secretsOf({})).toEqual([]);
  });
});

describe('describeFailure', () => {
  it('gives 3 for refused credentials, 2 for bad options, 1 otherwise', () => {
    expect(describeFailure(new AuthError('The server refused the credentials (HTTP 401)', { kind: 'handshake', status: 401 }))).toEqual({
      code: ExitCode.auth,
      message: `The server refused the credentials (HTTP 401): ${CREDENTIALS_HINT}`,
    });
    expect(describeFailure(new StreamOptionsError('bad', { option: 'url' })).code).toBe(ExitCode.usage);
    expect(describeFailure(new EmulatorError('bad port', { kind: 'options', option: 'port' })).code).toBe(ExitCode.usage);
    expect(describeFailure(new EmulatorError('port in use', { kind: 'listen' })).code).toBe(ExitCode.failure);
    expect(describeFailure(new HandshakeError('refused (HTTP 404)', { status: 404 })).code).toBe(ExitCode.failure);
    expect(describeFailure(new ConnectionError('gave up', { kind: 'network' })).code).toBe(ExitCode.failure);
    expect(describeFailure('odd')).toEqual({ code: ExitCode.failure, message: 'odd' });
  });
});

describe('formatExports', () => {
  const credentials = { user: 'emulator', apiKey: 'abc123', namespace: 'emulator', authorization: 'Basic x', token: 'TutumAccessKey t0k' };
  it('prints comments and export lines a shell can run', () => {
    const lines = formatExports({ url: 'ws://127.0.0.1:4000', restUrl: 'http://127.0.0.1:4000', credentials }, 'seed 1, 10 events/s');
    expect(lines.filter((line) => !line.startsWith('#'))).toEqual([
      'export DOCKERCLOUD_STREAM_HOST=ws://127.0.0.1:4000',
      'export DOCKERCLOUD_REST_HOST=http://127.0.0.1:4000',
      'export DOCKERCLOUD_USER=emulator',
      'export DOCKERCLOUD_APIKEY=abc123',
      'export DOCKERCLOUD_NAMESPACE=emulator',
    ]);
    expect(lines[0]).toBe('# Docker Cloud emulator (seed 1, 10 events/s)');
    expect(lines.join('\n')).toContain("DOCKERCLOUD_AUTH='TutumAccessKey t0k'");
  });

  it('quotes for a POSIX shell only when needed', () => {
    expect(shellQuote('plain-value_1.2:3/4')).toBe('plain-value_1.2:3/4');
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });
});

describe('option parsers', () => {
  it('collect repeated and comma-separated values', () => {
    expect(collectList('a, b', ['x'])).toEqual(['x', 'a', 'b']);
    expect(collectTypes('container,service')).toEqual(['container', 'service']);
    expect(() => collectTypes('image')).toThrow(InvalidArgumentError);
    expect(collectUris('/api/app/v1/acme/service/5bcf/,/api/v1/node/n1')).toEqual(['/api/app/v1/acme/service/5bcf/', '/api/v1/node/n1']);
    expect(() => collectUris('web')).toThrow(InvalidArgumentError);
    expect(() => collectList(' , ')).toThrow(InvalidArgumentError);
  });

  it('read numbers, durations, rates and speeds, and refuse the rest', () => {
    expect(positiveInteger('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => positiveInteger(bad)).toThrow(InvalidArgumentError);
    expect(seconds('2.5')).toBe(2500);
    expect(() => seconds('0')).toThrow(InvalidArgumentError);
    expect(secondsOrZero('0')).toBe(0);
    expect(rate('max')).toBe('max');
    expect(rate('20')).toBe(20);
    expect(() => rate('fast')).toThrow(InvalidArgumentError);
    expect(speed('recorded')).toBe('recorded');
    expect(speed('2')).toBe(2);
    expect(() => speed('-1')).toThrow(InvalidArgumentError);
    expect(probability('0.1')).toBe(0.1);
    expect(() => probability('2')).toThrow(InvalidArgumentError);
    expect(seed('42')).toBe(42);
    expect(seed('demo')).toBe('demo');
  });
});

describe('clientFilter', () => {
  const S1 = uri('service', 's1');
  const events: CloudEvent[] = [
    serviceEvent('s1', 'Running'),
    containerEvent('c1', 'Running', { parents: [S1] }),
    containerEvent('c2', 'Running', { parents: [uri('service', 's2')] }),
    actionEvent('a1', 'Success', { parents: [S1] }),
    errorMessage('boom'),
  ];
  const run = (filter: Parameters<typeof clientFilter>[0]): Promise<CloudEvent[]> =>
    lastValueFrom(from(events).pipe(clientFilter(filter), toArray()));

  it('keeps everything without filters', async () => {
    expect(await run({})).toEqual(events);
  });

  it('filters by type, object and parent, combined with AND', async () => {
    expect(await run({ type: ['container', 'action'] })).toEqual([events[1], events[2], events[3]]);
    expect(await run({ object: ['/api/v1/container/c2'] })).toEqual([events[2]]);
    expect(await run({ parent: [S1] })).toEqual([events[1], events[3]]);
    expect(await run({ type: ['container'], parent: [S1] })).toEqual([events[1]]);
  });
});
