// Bundles bench/moduleState/main.ts once per variant, loads every bundle into this process and
// times their workloads in turn, round after round (so that they share the machine's load):
//   node --expose-gc bench/moduleState/run.mjs
// - module: lib/ as it is;
// - no-memo: lib/uri/resourceKey.ts replaced by resourceKeyNoMemo.ts (no memo);
// - scan-shared: lib/uri/scanResourceUri.ts with its scratch arrays at module level, shared.
// Prints the median ns per item of each workload and variant.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'node_modules', '.cache', 'dockercloud-rx-bench-module-state');
const ROUNDS = Number(process.env.MODULE_STATE_ROUNDS ?? 15);
const EVENTS = Number(process.env.MODULE_STATE_EVENTS ?? 20_000);

const variants = {
  module: [],
  'no-memo': [
    {
      filter: /lib[\\/]uri[\\/]resourceKey\.ts$/,
      contents: () => readFileSync(join(here, 'resourceKeyNoMemo.ts'), 'utf8').replaceAll("'../../lib/uri/", "'./"),
    },
  ],
  // The scratch arrays of scanResourceUri at module level, shared by every call, as they were.
  'scan-shared': [
    {
      filter: /lib[\\/]uri[\\/]scanResourceUri\.ts$/,
      contents: (source) => {
        const local = '  const starts = new Int32Array(MOST);\n  const ends = new Int32Array(MOST);\n';
        if (!source.includes(local)) throw new Error('scanResourceUri.ts changed: update the scan-shared variant');
        return source.replace(local, '').replace('const MOST = 6;\n', `const MOST = 6;\n${local.replaceAll('  const', 'const')}`);
      },
    },
  ],
};

const require = createRequire(import.meta.url);
const loaded = {};
for (const [name, replacements] of Object.entries(variants)) {
  const outfile = join(out, `${name}.cjs`);
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    packages: 'external',
    logLevel: 'warning',
    plugins: [
      {
        name: 'variant',
        setup(b) {
          for (const { filter, contents } of replacements) {
            b.onLoad({ filter }, (args) => ({
              contents: contents(readFileSync(args.path, 'utf8')),
              loader: 'ts',
              resolveDir: dirname(args.path),
            }));
          }
        },
      },
    ],
  });
  loaded[name] = require(outfile);
}

const { frames, clusterUri } = await loaded.module.recordFrames(EVENTS, undefined, 7);
const workloads = Object.fromEntries(Object.entries(loaded).map(([name, bundle]) => [name, bundle.workloads(frames, clusterUri)]));
const names = Object.keys(workloads.module);
const times = Object.fromEntries(Object.keys(variants).map((variant) => [variant, Object.fromEntries(names.map((n) => [n, []]))]));
const gc = globalThis.gc ?? (() => undefined);
for (let round = -1; round < ROUNDS; round++) {
  for (const name of names) {
    for (const variant of Object.keys(variants)) {
      gc();
      const start = performance.now();
      const items = await workloads[variant][name]();
      const ns = ((performance.now() - start) * 1e6) / items;
      // Round -1 warms every variant up.
      if (round >= 0) times[variant][name].push(ns);
    }
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
console.log(`ns per item, median of ${ROUNDS} rounds, ${frames.length} events`);
console.log(['variant'.padEnd(14), ...names.map((n) => n.padStart(20))].join(''));
for (const variant of Object.keys(variants)) {
  console.log([variant.padEnd(14), ...names.map((n) => median(times[variant][n]).toFixed(0).padStart(20))].join(''));
}
