import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// A TypeScript user's project: the packed package installed in its node_modules, its peers and
// the typings it needs beside it, and code that imports every entry point and uses a type of
// each. `@ts-expect-error` lines prove the types are the package's, not `any` from a module
// that did not resolve (an unused `@ts-expect-error` is an error).
const CONSUMER = `
import { groupByResource, ofType, type CloudEvent, type ResourceGroup } from 'dockercloud-rx';
import { readEnvironment, type NodeStreamOptions } from 'dockercloud-rx/node';
import { containerEvent, type EventOptions } from 'dockercloud-rx/testing';
import { startEmulator, type EmulatorOptions } from 'dockercloud-rx/emulator';

export const pipeline = [ofType('container'), groupByResource()] as const;
export type Group = ResourceGroup<CloudEvent>;
export const streamOptions: NodeStreamOptions = { auth: 'none', url: 'ws://127.0.0.1:1/' };
export const eventOptions: EventOptions = { action: 'update' };
export const emulatorOptions: EmulatorOptions = { port: 0 };
export const start: typeof startEmulator = startEmulator;
export const read: typeof readEnvironment = readEnvironment;
// @ts-expect-error a container event is no number: the testing typings resolved
export const notANumber: number = containerEvent('c1');
// @ts-expect-error an unknown option: the emulator typings resolved
export const typo: EmulatorOptions = { prot: 0 };
// @ts-expect-error key is read-only: ResourceGroup is the package's interface
export const rekey = (group: Group): void => { group.key = ''; };
`;

// The settings a consumer's tsconfig may hold; node10 is the default with module: commonjs,
// and reads no "exports" (the subpaths resolve through "typesVersions").
const SETTINGS: Record<string, { module: string; moduleResolution: string; file: string }> = {
  'commonjs + node10': { module: 'commonjs', moduleResolution: 'node10', file: 'consumer.ts' },
  'node16, a CommonJS file': { module: 'node16', moduleResolution: 'node16', file: 'consumer.ts' },
  'node16, an ES module file': { module: 'node16', moduleResolution: 'node16', file: 'consumer.mts' },
  'esnext + bundler': { module: 'esnext', moduleResolution: 'bundler', file: 'consumer.ts' },
};

function compile(dir: string, name: string): { status: number | null; output: string } {
  const { module, moduleResolution, file } = SETTINGS[name]!;
  const config = `tsconfig.${name.replace(/\W+/g, '-')}.json`;
  writeFileSync(
    join(dir, config),
    JSON.stringify({
      compilerOptions: {
        module,
        moduleResolution,
        target: 'ES2020',
        lib: ['ES2020', 'DOM'],
        strict: true,
        noEmit: true,
        // The package's own typings are checked too, as a strict consumer's compiler does.
        skipLibCheck: false,
        types: ['node'],
      },
      files: [file],
    }),
  );
  const result = spawnSync(process.execPath, [tsc, '-p', join(dir, config)], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the packed package, for TypeScript consumers', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cjs', 'index.d.ts')) || !existsSync(join(root, 'dist', 'esm', 'index.d.ts'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    }
    dir = mkdtempSync(join(tmpdir(), 'consumer-types-'));
    // `npm pack` holds what a user installs: the "files" of package.json, nothing else.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    }).trim();
    execFileSync('tar', ['-xzf', join(dir, packed.split('\n').pop()!), '-C', dir]);
    mkdirSync(join(dir, 'node_modules'));
    renameSync(join(dir, 'package'), join(dir, 'node_modules', 'dockercloud-rx'));
    for (const dependency of ['rxjs', 'io-ts', 'fp-ts', 'ws', 'isomorphic-ws', '@types']) {
      symlinkSync(join(root, 'node_modules', dependency), join(dir, 'node_modules', dependency));
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    writeFileSync(join(dir, 'consumer.mts'), CONSUMER);
  }, 180_000);

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('packs the typings of every entry point', () => {
    const typings = ['', 'node', 'testing', 'emulator'].flatMap((entry) =>
      ['cjs', 'esm'].map((format) => join('dist', format, entry, 'index.d.ts')),
    );
    expect(typings.filter((file) => !existsSync(join(dir, 'node_modules', 'dockercloud-rx', file)))).toEqual([]);
    expect(readdirSync(join(dir, 'node_modules', 'dockercloud-rx'))).toContain('package.json');
  });

  it('publishes no @internal declaration: the typings are stripped of them (stripInternal)', () => {
    const installed = join(dir, 'node_modules', 'dockercloud-rx', 'dist');
    const typings = (readdirSync(installed, { recursive: true }) as string[]).filter((file) => file.endsWith('.d.ts'));
    expect(typings.length).toBeGreaterThan(100);
    const tagged = typings.filter((file) => readFileSync(join(installed, file), 'utf8').includes('@internal'));
    expect(tagged).toEqual([]);
    // The brand of the error classes is internal: a getter keyed by a symbol users never see.
    const authError = readFileSync(join(installed, 'cjs', 'errors', 'AuthError.d.ts'), 'utf8');
    expect(authError).toContain('class AuthError');
    expect(authError).not.toContain('ERROR_BRAND');
  });

  it.each(Object.keys(SETTINGS))(
    'compiles a consumer of all four entry points with %s',
    (name) => {
      const { status, output } = compile(dir, name);
      expect(output).toBe('');
      expect(status).toBe(0);
    },
    180_000,
  );

  it('fails under node10 without "typesVersions": the subpaths resolve through it (the check can fail)', () => {
    const manifestPath = join(dir, 'node_modules', 'dockercloud-rx', 'package.json');
    const manifest = readFileSync(manifestPath, 'utf8');
    const { typesVersions, ...withoutTypesVersions } = JSON.parse(manifest) as Record<string, unknown>;
    expect(typesVersions).toBeDefined();
    writeFileSync(manifestPath, JSON.stringify(withoutTypesVersions));
    try {
      const { status, output } = compile(dir, 'commonjs + node10');
      for (const entry of ['node', 'testing', 'emulator']) expect(output).toContain(`'dockercloud-rx/${entry}'`);
      expect(status).not.toBe(0);
    } finally {
      writeFileSync(manifestPath, manifest);
    }
  }, 180_000);
});
