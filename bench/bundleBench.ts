// Benchmark 6: the browser bundle of a typical pipeline, measured by scripts/bundleSize.mjs
// (the module `npm run size` runs and the size spec checks), with its two targets.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TargetResult } from './harness.js';

/** The sizes of one bundle, in bytes. */
export interface BundleFigures {
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  /** The gzip bytes saved by emptying every string of 16 characters or more: what messages weigh. */
  readonly messagesGzip: number;
  /** Minified bytes per package (`dockercloud-rx` for the library's own code). */
  readonly packages: Readonly<Record<string, number>>;
  /** Minified bytes of the library's own code per directory of `lib/` (`stream`, `model`, ...). */
  readonly concerns: Readonly<Record<string, number>>;
}

/** What benchmark 6 reports. */
export interface BundleBenchResult {
  /** The ceiling the size spec enforces on the typical pipeline. */
  readonly budget: { readonly pipelineGzip: number };
  /** The targets: the pipeline's gzip, and `streamEvents` alone against the reference. */
  readonly goals: { readonly pipelineGzip: number; readonly connectionToReference: number };
  readonly pipeline: BundleFigures;
  /** The typical pipeline from dist/esm, as a user of the published package bundles it (after a build). */
  readonly published?: BundleFigures;
  readonly own: BundleFigures;
  /** `streamEvents` alone (connect with credentials and a status observer), with what it uses of rxjs. */
  readonly connection: BundleFigures;
  readonly reference: BundleFigures;
  /** The library's own code of the pipeline in two halves, each bundled alone. */
  readonly parts: { readonly connection: BundleFigures; readonly operators: BundleFigures };
  readonly targets: readonly TargetResult[];
}

/** Sizes in KB of 1,024 bytes, as the budget states them. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Benchmark 6: bundles and measures (nothing random in it, so one run is the figure). */
export async function runBundleBench(root: string): Promise<BundleBenchResult> {
  const url = pathToFileURL(join(root, 'scripts', 'bundleSize.mjs')).href;
  // A real dynamic import: the benchmarks are bundled as CommonJS, the script is ESM.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real `import()` that the CommonJS build of the bench does not rewrite to `require`.
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<{
    measureBundles(): Promise<Omit<BundleBenchResult, 'targets' | 'goals'> & { targets: BundleBenchResult['goals'] }>;
  }>;
  const { targets: goals, ...figures } = await (await load(url)).measureBundles();
  const { pipeline, connection, reference } = figures;
  const ratio = connection.gzip / reference.gzip;
  return {
    ...figures,
    goals,
    targets: [
      {
        benchmark: '6. bundle size',
        target: `a typical pipeline ≤ ${kilobytes(goals.pipelineGzip)} gzip`,
        measured: `${kilobytes(pipeline.gzip)} gzip (${pipeline.gzip.toLocaleString('en-US')} B)`,
        holds: pipeline.gzip <= goals.pipelineGzip,
      },
      {
        benchmark: '6. bundle size',
        target: `streamEvents alone ≤ ${goals.connectionToReference}× rxjs/webSocket + retry + filter (gzip)`,
        measured: `${ratio.toFixed(2)}× (${connection.gzip.toLocaleString('en-US')} B against ${reference.gzip.toLocaleString('en-US')} B)`,
        holds: ratio <= goals.connectionToReference,
      },
    ],
  };
}
