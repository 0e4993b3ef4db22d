import {
  AuthError,
  ConnectionError,
  DecodeError,
  HandshakeError,
  isAuthError,
  isConnectionError,
  isDecodeError,
  isHandshakeError,
  isMessageError,
  isRestError,
  isStreamOptionsError,
  MessageError,
  RestError,
  StreamOptionsError,
} from '../../lib/index';
import { EmulatorError, isEmulatorError } from '../../lib/emulator/index';

// Each guard with one error of its class; the guards of other classes must say no to it.
const CASES: Array<[string, (error: unknown) => boolean, () => Error]> = [
  ['isAuthError', isAuthError, () => new AuthError('refused', { kind: 'handshake', status: 401 })],
  ['isConnectionError', isConnectionError, () => new ConnectionError('reset', { kind: 'network' })],
  ['isHandshakeError', isHandshakeError, () => new HandshakeError('not found', { status: 404 })],
  ['isMessageError', isMessageError, () => new MessageError('a binary frame', { kind: 'binary' })],
  ['isStreamOptionsError', isStreamOptionsError, () => new StreamOptionsError('must be ws: or wss:', { option: 'url' })],
  ['isRestError', isRestError, () => new RestError('server error', { kind: 'server', status: 503 })],
  ['isDecodeError', isDecodeError, () => new DecodeError('schema', 'action', 'a known action', '{}')],
  ['isEmulatorError', isEmulatorError, () => new EmulatorError('rate must be positive', { kind: 'options', option: 'rate' })],
];

describe.each(CASES)('%s', (_name, guard, make) => {
  it('accepts an error of its class, and of a subclass', () => {
    const error = make();
    expect(guard(error)).toBe(true);
    const Sub = class extends (error.constructor as new (...args: unknown[]) => Error) {};
    // The error itself carries the fields its class's constructor reads (`kind`, `status`, `option`…).
    expect(guard(new Sub('x', error))).toBe(true);
  });

  it('rejects non-errors, plain errors and errors of the other classes', () => {
    const name = make().name;
    const rejected: unknown[] = [undefined, null, 0, name, true, Symbol(name), {}, { name }, [], () => name, new Error(name)];
    rejected.push(Object.assign(new Error('refused'), { name }));
    rejected.push(...CASES.filter(([, other]) => other !== guard).map(([, , makeOther]) => makeOther()));
    expect(rejected.map((value) => guard(value))).toEqual(rejected.map(() => false));
  });

  it('brands the prototype, not the instance: the error has the same own properties as before', () => {
    const error = make();
    const brand = Symbol.for('dockercloud-rx.error');
    expect(Object.getOwnPropertySymbols(error)).not.toContain(brand);
    expect((error as unknown as Record<symbol, unknown>)[brand]).toBe(error.name);
  });
});
