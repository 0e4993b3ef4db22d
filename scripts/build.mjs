// Builds the ESM and CommonJS trees side by side, then the dashboard. Each tree carries a
// package.json that declares its module format, so Node and TypeScript read its .js and .d.ts
// files correctly. The dashboard (lib/dashboard, browser code) is bundled from the browser
// entry by esbuild into dist/dashboard/, which the emulator serves at /dashboard/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const [config, dir, type] of [
  ['tsconfig.build.json', 'esm', 'module'],
  ['tsconfig.cjs.json', 'cjs', 'commonjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', join(root, config)], { stdio: 'inherit' });
  mkdirSync(join(root, 'dist', dir), { recursive: true });
  // Bundlers read `sideEffects` from the nearest package.json, which is this one for every
  // file of the tree: without it, they keep the top-level code of every module the entry
  // re-exports (option schemas, tables), whether the application uses it or not.
  writeFileSync(join(root, 'dist', dir, 'package.json'), JSON.stringify({ type, sideEffects: false }) + '\n');
}

const dashboard = join(root, 'dist', 'dashboard');
mkdirSync(dashboard, { recursive: true });
await build({
  entryPoints: [join(root, 'lib', 'dashboard', 'main.ts')],
  outfile: join(dashboard, 'dashboard.js'),
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'dashboard.css']) copyFileSync(join(root, 'lib', 'dashboard', file), join(dashboard, file));
