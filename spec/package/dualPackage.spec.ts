import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface GuardVerdicts {
  esm: boolean;
  cjs: boolean;
  otherClass: boolean;
  lookalike: boolean;
  nonErrors: boolean[];
}

interface Report {
  guards: Record<string, string[]>;
  unknownClasses: string[];
  results: Record<string, GuardVerdicts | boolean>;
}

const STREAM_GUARDS = [
  'isAuthError',
  'isConnectionError',
  'isDecodeError',
  'isHandshakeError',
  'isMessageError',
  'isRestError',
  'isStreamOptionsError',
];

// An app that loads both builds (ESM through `import`, CommonJS through `require`) holds two
// copies of every error class; each guard must recognise the other copy's errors.
describe('error guards across the ESM and CommonJS copies of the package', () => {
  let report: Report;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.js')) || !existsSync(join(root, 'dist', 'cjs', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    }
    // One child process loads both copies, as the app would: jest itself cannot import ESM.
    const out = execFileSync(process.execPath, [join(__dirname, 'support', 'crossCopyGuards.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    report = JSON.parse(out) as Report;
  }, 90_000);

  it('finds every guard of every entry point, and knows how to build each one’s error', () => {
    expect(report.guards).toEqual({
      'dockercloud-rx': STREAM_GUARDS,
      'dockercloud-rx/node': STREAM_GUARDS,
      'dockercloud-rx/emulator': ['isEmulatorError'],
    });
    expect(report.unknownClasses).toEqual([]);
  });

  it('really loads two copies: an error of one is not an instance of the other’s class', () => {
    const across = Object.entries(report.results).filter(([key]) => key.endsWith('instanceof across copies'));
    expect(across).toHaveLength(STREAM_GUARDS.length * 2 + 1);
    for (const [key, value] of across) expect([key, value]).toEqual([key, false]);
  });

  it.each(
    Object.entries({
      'dockercloud-rx': STREAM_GUARDS,
      'dockercloud-rx/node': STREAM_GUARDS,
      'dockercloud-rx/emulator': ['isEmulatorError'],
    }).flatMap(([entry, guards]) => guards.flatMap((guard) => [`${entry} esm.${guard}`, `${entry} cjs.${guard}`])),
  )('%s accepts both copies’ errors and rejects the rest', (key) => {
    expect(report.results[key]).toEqual({
      esm: true,
      cjs: true,
      // An error of another class (from the other copy), except for the emulator's lone class.
      otherClass: false,
      // A plain Error whose name happens to be the class's: not ours.
      lookalike: false,
      // undefined, null, the class's name as a string, 0, {} and { name }.
      nonErrors: [false, false, false, false, false, false],
    });
  });
});
