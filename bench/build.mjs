// Bundles the benchmarks (and the sources of lib/ they import) with esbuild, for node.
// Packages stay external: rxjs, io-ts, ws and reconnecting-websocket load from node_modules.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_OUT builds elsewhere (to bench another copy of the sources side by side).
const out = process.env.BENCH_OUT ?? join(root, 'node_modules', '.cache', 'dockercloud-rx-bench');

await build({
  entryPoints: {
    main: join(root, 'bench', 'main.ts'),
    emulatorProcess: join(root, 'bench', 'emulatorProcess.ts'),
    senderProcess: join(root, 'bench', 'senderProcess.ts'),
  },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
