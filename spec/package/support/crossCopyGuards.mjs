// Loads the built package twice in ONE Node process, as an app that mixes ESM and CommonJS
// does: each entry point through `import` (dist/esm) and through `require` (dist/cjs). For every
// `is…Error` guard of either copy, it reports what the guard says of each copy's error, of an
// error of another class, of a plain Error borrowing the class's name, and of non-errors.
// Prints one JSON object on stdout; spec/package/dualPackage.spec.ts judges it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ENTRIES = ['dockercloud-rx', 'dockercloud-rx/testing', 'dockercloud-rx/node', 'dockercloud-rx/emulator'];

// Constructor arguments for each error class; a guard whose class is missing here is reported
// (as `unknownClasses`), so that a new guard cannot go untested.
const ARGS = {
  AuthError: ['refused', { kind: 'handshake', status: 401 }],
  ConnectionError: ['reset', { kind: 'network' }],
  HandshakeError: ['not found', { status: 404 }],
  MessageError: ['a binary frame', { kind: 'binary' }],
  StreamOptionsError: ['Invalid option url: must be ws: or wss:', { option: 'url' }],
  RestError: ['server error', { kind: 'server', status: 503 }],
  DecodeError: ['schema', 'action', 'a known action', '{"action":"boot"}'],
  EmulatorError: ['rate must be positive', { kind: 'options', option: 'rate' }],
};

const guards = {};
const unknownClasses = [];
const results = {};
for (const entry of ENTRIES) {
  const modules = { esm: await import(entry), cjs: require(entry) };
  const classNames = Object.keys(modules.esm)
    .filter((key) => /^is\w*Error$/.test(key))
    .map((key) => key.slice(2));
  if (classNames.length === 0) continue;
  guards[entry] = classNames.map((name) => `is${name}`);
  unknownClasses.push(...classNames.filter((name) => !(name in ARGS)));
  const known = classNames.filter((name) => name in ARGS);
  const make = (copy, name) => new modules[copy][name](...ARGS[name]);
  for (const name of known) {
    const lookalike = Object.assign(new Error('refused'), { name });
    const other = known.find((n) => n !== name);
    for (const guardCopy of ['esm', 'cjs']) {
      const guard = modules[guardCopy][`is${name}`];
      results[`${entry} ${guardCopy}.is${name}`] = {
        esm: guard(make('esm', name)),
        cjs: guard(make('cjs', name)),
        // The other copy's error of another class (the emulator entry has one class only).
        otherClass: other === undefined ? false : guard(make(guardCopy === 'esm' ? 'cjs' : 'esm', other)),
        lookalike: guard(lookalike),
        nonErrors: [undefined, null, name, 0, {}, { name }].map((value) => guard(value)),
      };
    }
    // Proof that the two copies really are two: without it, the results would prove nothing.
    results[`${entry} ${name} instanceof across copies`] = make('esm', name) instanceof modules.cjs[name];
  }
}

console.log(JSON.stringify({ guards, unknownClasses, results }));
