import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { ContainerEvent, ResourceEvent } from '../../lib/model/ResourceEvent.js';

describe('the resource event codecs', () => {
  const container = { type: 'container', action: 'update', parents: [], resource_uri: '/api/app/v1/container/c1/', state: 'Running' };

  it('reads an event of their own type', () => {
    expect(isRight(ContainerEvent.decode(container))).toBe(true);
    expect(isRight(ResourceEvent.decode(container))).toBe(true);
  });

  it.each([
    ['another resource type', 'service', 'expected "container"'],
    ['a control message type', 'auth', 'expected "container"'],
    ['an unknown type', 'image', 'expected "container"'],
  ])('rejects %s at `type`, naming the one expected', (_name, type, message) => {
    const result = ContainerEvent.decode({ ...container, type });
    expect(isLeft(result)).toBe(true);
    expect(ContainerEvent.is({ ...container, type })).toBe(false);
    const errors = isLeft(result) ? result.left : [];
    expect(errors.map((error) => [error.context.map((entry) => entry.key).join('.'), error.message])).toContainEqual(['.type', message]);
  });

  it('rejects a type that is no resource type where any resource type goes', () => {
    const result = ResourceEvent.decode({ ...container, type: 'auth' });
    expect(isLeft(result)).toBe(true);
    const errors = isLeft(result) ? result.left : [];
    expect(errors.map((error) => error.message)).toContain('expected a resource type');
  });
});
