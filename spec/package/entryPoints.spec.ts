import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..');

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.js')) || !existsSync(join(root, 'dist', 'cjs', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    }
  });

  it.each([
    ['dockercloud-rx', 'decodeEvent'],
    ['dockercloud-rx/testing', 'containerEvent'],
    ['dockercloud-rx/node', 'readEnvironment'],
    ['dockercloud-rx/emulator', 'startEmulator'],
    ['dockercloud-rx/jetstream', 'publishEvents'],
  ])('%s loads as ESM and as CommonJS with the same exports', (entry, sample) => {
    const esm = runNode([
      '--input-type=module',
      '-e',
      `import * as m from '${entry}'; console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()))`,
    ]);
    const cjs = runNode(['-e', `console.log(JSON.stringify(Object.keys(require('${entry}')).sort()))`]);
    const esmKeys: string[] = JSON.parse(esm);
    expect(esmKeys).toContain(sample);
    expect(JSON.parse(cjs)).toEqual(esmKeys);
  });

  it('decodes through the ESM build', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `import { decodeEvent } from 'dockercloud-rx'; console.log(JSON.stringify(decodeEvent('{"type":"auth"}')))`,
    ]);
    expect(JSON.parse(out)).toEqual({ _tag: 'Right', right: { type: 'auth' } });
  });
});

describe('the browser entry', () => {
  it('bundles for the browser with no Node built-in and no ws', async () => {
    const result = await build({
      entryPoints: [join(root, 'lib', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('lib/model/decodeEvent.ts'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(ws|isomorphic-ws)\//.test(input))).toEqual([]);
    // The NATS client is an optional peer dependency of dockercloud-rx/jetstream alone.
    expect(inputs.filter((input) => /node_modules\/@nats-io\/|lib\/jetstream\//.test(input))).toEqual([]);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(
      imports.filter(
        (path) =>
          path.startsWith('node:') ||
          ['fs', 'net', 'http', 'https', 'tls', 'crypto', 'stream', 'events', 'zlib', 'os', 'url', 'buffer'].includes(path),
      ),
    ).toEqual([]);
  });
});
