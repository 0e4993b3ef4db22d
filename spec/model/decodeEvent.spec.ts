import { isLeft, isRight, type Either } from 'fp-ts/Either';
import {
  CloudEvent,
  DecodeError,
  decodeEvent,
  isDecodeError,
  isKnownState,
  isKnownEvent,
  isResourceEvent,
  RESOURCE_TYPES,
  type CloudEvent as CloudEventType,
} from '../../lib/index.js';
import { EVENT_ACTIONS, KNOWN_STATES } from '../../lib/model/vocabulary.js';
import { EXCERPT_LENGTH } from '../../lib/model/DecodeError.js';
import { actionEvent, containerEvent, resourceEvent } from '../../lib/testing/index.js';
import {
  AUTH_EXAMPLE,
  CONTAINER_EXAMPLE,
  DOCKER_CLOUD_EXAMPLE,
  TUTUM_DATE_EXAMPLE,
  TUTUM_EARLY_EXAMPLE,
  TUTUM_EXAMPLE,
  UNAUTHORIZED_EXAMPLE,
} from '../fixtures/seedMessages.js';

function right(result: Either<DecodeError, CloudEventType>): CloudEventType {
  if (isLeft(result)) throw new Error(`expected a decoded event, got: ${result.left.message}`);
  return result.right;
}

function leftOf(result: Either<DecodeError, CloudEventType>): DecodeError {
  if (isRight(result)) throw new Error(`expected a DecodeError, got ${JSON.stringify(result.right)}`);
  return result.left;
}

const base = { type: 'container', action: 'update', parents: [], resource_uri: '/api/app/v1/ns/container/c1/', state: 'Running' };

describe('decodeEvent', () => {
  describe('the example messages of the API documents', () => {
    it('decodes the Docker Cloud event with its uuid and datetime', () => {
      expect(right(decodeEvent(DOCKER_CLOUD_EXAMPLE))).toEqual({
        type: 'action',
        action: 'update',
        parents: ['/api/app/v1/user_namespace/container/0b0e3538-88df-4f07-9aed-3a3cc4175076/'],
        resource_uri: '/api/app/v1/user_namespace/action/49f0efe8-a704-4a10-b02f-f96344fabadd/',
        state: 'Success',
        uuid: '093ba3bb-08dd-48f0-8f12-4d3b85ef85b3',
        datetime: '2016-02-01T16:47:28Z',
      });
    });

    it('decodes the Tutum event, which has neither uuid nor datetime', () => {
      const event = right(decodeEvent(TUTUM_EXAMPLE));
      expect(event).toEqual({
        type: 'action',
        action: 'update',
        parents: ['/api/v1/container/0b0e3538-88df-4f07-9aed-3a3cc4175076/'],
        resource_uri: '/api/v1/action/49f0efe8-a704-4a10-b02f-f96344fabadd/',
        state: 'Success',
      });
      expect(Object.keys(event)).not.toContain('uuid');
      expect(Object.keys(event)).not.toContain('datetime');
    });

    it('decodes the earliest Tutum event, which has no state', () => {
      const event = right(decodeEvent(TUTUM_EARLY_EXAMPLE));
      expect(event).toEqual({
        type: 'action',
        action: 'update',
        parents: ['/api/v1/container/0b0e3538-88df-4f07-9aed-3a3cc4175076/'],
        resource_uri: '/api/v1/action/49f0efe8-a704-4a10-b02f-f96344fabadd/',
      });
      expect('state' in event).toBe(false);
    });

    it('decodes a container event with its four parents', () => {
      const event = right(decodeEvent(CONTAINER_EXAMPLE));
      expect(event.type).toBe('container');
      expect(isResourceEvent(event) && event.parents).toHaveLength(4);
    });

    it("reads Tutum's date into datetime", () => {
      expect(right(decodeEvent(TUTUM_DATE_EXAMPLE))).toEqual({
        type: 'service',
        action: 'update',
        parents: ['/api/v1/stack/7a1e2b3c/'],
        resource_uri: '/api/v1/service/5bcf0d3c/',
        state: 'Scaling',
        datetime: '2015-12-11T03:58:43+00:00',
      });
    });

    it('prefers datetime when a message carries both', () => {
      const event = right(decodeEvent({ ...base, datetime: '2016-01-01T00:00:00Z', date: '2015-01-01T00:00:00Z' }));
      expect(event).toEqual({ ...base, datetime: '2016-01-01T00:00:00Z' });
    });
  });

  describe('every resource type and every documented state', () => {
    for (const type of RESOURCE_TYPES) {
      it(`decodes ${type} events in each of its states and actions`, () => {
        for (const state of KNOWN_STATES[type]) {
          for (const action of EVENT_ACTIONS) {
            const wire = resourceEvent(type, 'x1', state, { action, uuid: 'u', datetime: '2016-02-01T16:47:28Z' });
            expect(right(decodeEvent(JSON.stringify(wire)))).toEqual(wire);
          }
        }
      });
    }

    it('decodes a state no document lists', () => {
      for (const state of ['Start failed', 'Stopped with errors', 'Started', 'Quantum']) {
        expect(right(decodeEvent({ ...base, state }))).toEqual({ ...base, state });
      }
    });

    it('decodes a state no document lists as the very string, which isKnownState tells apart', () => {
      const event = right(
        decodeEvent('{"type":"container","action":"update","parents":[],"resource_uri":"/api/v1/container/c1/","state":"Runing"}'),
      );
      if (!isResourceEvent(event) || event.type !== 'container' || event.state === undefined)
        throw new Error('expected a container event with a state');
      expect(event.state).toBe('Runing');
      expect(isKnownState(event.type, event.state)).toBe(false);
      expect(isKnownState('container', 'Running')).toBe(true);
      expect(isKnownState('service', 'Running')).toBe(true);
      expect(isKnownState('node', 'Running')).toBe(false);
    });

    it('treats null optional fields as absent', () => {
      expect(right(decodeEvent({ ...base, state: null, uuid: null, datetime: null }))).toEqual({
        type: 'container',
        action: 'update',
        parents: [],
        resource_uri: '/api/app/v1/ns/container/c1/',
      });
    });
  });

  describe('control messages', () => {
    it('decodes the auth message', () => {
      expect(right(decodeEvent(AUTH_EXAMPLE))).toEqual({ type: 'auth' });
    });

    it('decodes the in-band UNAUTHORIZED error', () => {
      expect(right(decodeEvent(UNAUTHORIZED_EXAMPLE))).toEqual({ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } });
    });

    it('rejects an error message without data.errorMessage, naming the path', () => {
      const error = leftOf(decodeEvent('{"type":"error","data":{"message":"x"}}'));
      expect(error.path).toBe('data.errorMessage');
      expect(leftOf(decodeEvent('{"type":"error"}')).path).toBe('data');
    });

    it('keeps every field of user notifications', () => {
      const single = { type: 'user-notification', message: 'Redeploy failed', level: 'error' };
      const batch = { type: 'user-notifications', notifications: [{ message: 'a' }] };
      expect(right(decodeEvent(JSON.stringify(single)))).toEqual(single);
      expect(right(decodeEvent(JSON.stringify(batch)))).toEqual(batch);
    });

    it('marks control messages as known, but not as resource events', () => {
      const event = right(decodeEvent(AUTH_EXAMPLE));
      expect(isKnownEvent(event)).toBe(true);
      expect(isResourceEvent(event)).toBe(false);
    });
  });

  describe('unknown types', () => {
    it('passes image and buildsetting events through with every field', () => {
      for (const type of ['image', 'buildsetting']) {
        const wire = { type, action: 'update', resource_uri: `/api/repo/v1/${type}/x/`, extra: { a: [1, 2] } };
        const event = right(decodeEvent(JSON.stringify(wire)));
        expect(event).toEqual(wire);
        expect(isKnownEvent(event)).toBe(false);
      }
    });
  });

  describe('rejections', () => {
    it('reports malformed JSON as a syntax error, quoting the message', () => {
      const error = leftOf(decodeEvent('{"type":"container",'));
      expect(error).toBeInstanceOf(DecodeError);
      expect(isDecodeError(error)).toBe(true);
      expect(error.name).toBe('DecodeError');
      expect(error.kind).toBe('syntax');
      expect(error.message).toContain('Malformed JSON');
      expect(error.message).toContain('{"type":"container",');
    });

    it.each([
      ['a JSON array', '[1,2]', '', 'expected a JSON object'],
      ['a JSON string', '"container"', '', 'expected a JSON object'],
      ['null', 'null', '', 'expected a JSON object'],
      ['a message without type', '{"action":"update"}', 'type', 'expected a string'],
      ['a numeric type', '{"type":7}', 'type', 'expected a string'],
      ['an unknown action', JSON.stringify({ ...base, action: 'boot' }), 'action', 'expected "create", "update" or "delete"'],
      ['parents that are not an array', JSON.stringify({ ...base, parents: '/api/v1/service/1/' }), 'parents', 'array'],
      ['a parent that is not a string', JSON.stringify({ ...base, parents: ['/a/', 42] }), 'parents.1', 'got number 42'],
      ['a missing resource_uri', JSON.stringify({ ...base, resource_uri: undefined }), 'resource_uri', 'got nothing'],
      ['an empty resource_uri', JSON.stringify({ ...base, resource_uri: '' }), 'resource_uri', 'non-empty'],
      ['a numeric state', JSON.stringify({ ...base, state: 3 }), 'state', 'expected a string'],
      ['a numeric uuid', JSON.stringify({ ...base, uuid: 3 }), 'uuid', 'expected a string'],
      ['a numeric datetime', JSON.stringify({ ...base, datetime: 3 }), 'datetime', 'ISO 8601'],
      ['a numeric Tutum date', JSON.stringify({ ...base, date: 3 }), 'date', 'ISO 8601'],
    ])('rejects %s, naming the path', (_what, raw, path, detail) => {
      const error = leftOf(decodeEvent(raw));
      expect(error.kind).toBe('schema');
      expect(error.path).toBe(path);
      expect(error.message).toContain(detail);
      expect(error.message).toContain(path === '' ? 'the top level' : `at ${path}`);
    });

    it('truncates the raw text it quotes', () => {
      const raw = JSON.stringify({ ...base, action: 'boot', padding: 'x'.repeat(5000) });
      const error = leftOf(decodeEvent(raw));
      expect(error.excerpt).toHaveLength(EXCERPT_LENGTH + 1);
      expect(error.excerpt.endsWith('…')).toBe(true);
      expect(error.message.length).toBeLessThan(EXCERPT_LENGTH + 200);
      expect(leftOf(decodeEvent('x'.repeat(5000))).excerpt).toHaveLength(EXCERPT_LENGTH + 1);
    });

    it('names a function or a symbol in parsed input by its kind, without quoting its text', () => {
      const withFunction = leftOf(decodeEvent({ ...base, state: () => 'the source of a function' }));
      expect(withFunction.path).toBe('state');
      expect(withFunction.message).toContain('got a function');
      expect(withFunction.message).not.toContain('the source of a function');
      expect(leftOf(decodeEvent({ ...base, uuid: Symbol('tag') })).message).toContain('got a symbol');
    });

    it('quotes parsed input as JSON', () => {
      const error = leftOf(decodeEvent({ ...base, action: 'boot' }));
      expect(error.excerpt).toContain('"action":"boot"');
    });
  });

  describe('freshness', () => {
    it('returns a new object, with its own parents, for parsed input', () => {
      const input = { ...base, parents: ['/api/v1/service/1/'] };
      const event = right(decodeEvent(input));
      expect(event).not.toBe(input);
      expect(isResourceEvent(event) && event.parents).not.toBe(input.parents);
      input.parents.push('/api/v1/stack/2/');
      expect(isResourceEvent(event) && event.parents).toEqual(['/api/v1/service/1/']);
    });

    it('returns distinct objects for two decodes of the same text', () => {
      expect(right(decodeEvent(CONTAINER_EXAMPLE))).not.toBe(right(decodeEvent(CONTAINER_EXAMPLE)));
    });

    it('drops fields the model does not define from resource events', () => {
      expect(right(decodeEvent({ ...base, secret: 'x' }))).toEqual(base);
    });

    it('gives the same events for a text as for its parsed value, in every form a message takes', () => {
      const forms: Record<string, unknown>[] = [
        base,
        { ...base, secret: 'x' },
        { ...base, state: null, uuid: null, datetime: null },
        { ...base, uuid: 'u', date: '2015-01-01T00:00:00Z' },
        { ...base, datetime: '2016-01-01T00:00:00Z', date: '2015-01-01T00:00:00Z' },
        { type: 'stack', action: 'create', parents: [], resource_uri: '/api/app/v1/ns/stack/s1/' },
      ];
      for (const form of forms) {
        const fromText = right(decodeEvent(JSON.stringify(form)));
        expect(fromText).toEqual(right(decodeEvent(form)));
        expect(
          Object.keys(fromText).every((key) => ['type', 'action', 'parents', 'resource_uri', 'state', 'uuid', 'datetime'].includes(key)),
        ).toBe(true);
        expect(Object.values(fromText)).not.toContain(null);
      }
    });
  });

  describe('the codecs', () => {
    it('agree with decodeEvent and encode back to the wire form', () => {
      const event = containerEvent('c1', 'Running', { uuid: 'u', datetime: '2016-02-01T16:47:28Z' });
      const decoded = CloudEvent.decode(event);
      expect(isRight(decoded) && decoded.right).toEqual(event);
      expect(CloudEvent.encode(event)).toEqual(event);
      expect(CloudEvent.is(event)).toBe(true);
      expect(CloudEvent.is({ type: 'container' })).toBe(false);
      expect(CloudEvent.is(actionEvent('a', 'Success'))).toBe(true);
    });
  });
});
