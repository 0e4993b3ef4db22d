// The size budget of the browser bundle, measured by scripts/bundleSize.mjs (the same figures
// `node scripts/bundleSize.mjs` prints).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface BundleFigures {
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  readonly packages: Readonly<Record<string, number>>;
  readonly nodeOnly: readonly string[];
}

interface Figures {
  readonly budget: { readonly ownGzip: number; readonly pipelineGzip: number };
  readonly pipeline: BundleFigures;
  readonly own: BundleFigures;
  readonly reference: BundleFigures;
}

/**
 * Ceilings that the bundles must never grow past, in bytes of gzip: the sizes measured when
 * the budget was introduced, with 3% of room. They stop regressions while the targets
 * (`budget`) are not met yet; lower them as the bundles shrink.
 */
const CEILING = { ownGzip: 9800, pipelineGzip: 17900 };

const root = join(__dirname, '..', '..');
let figures: Figures;

beforeAll(() => {
  figures = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts', 'bundleSize.mjs'), '--json'], { cwd: root, encoding: 'utf8' })) as Figures;
}, 60_000);

describe('the browser bundle of a typical pipeline', () => {
  it('holds only browser code: no ws, no Node built-in', () => {
    expect(figures.pipeline.nodeOnly).toEqual([]);
    expect(figures.own.nodeOnly).toEqual([]);
  });

  it('counts the library and the parts of rxjs, io-ts and fp-ts it uses, and only the library when they are left out', () => {
    expect(Object.keys(figures.pipeline.packages)).toEqual(expect.arrayContaining(['dockercloud-rx', 'rxjs', 'io-ts', 'fp-ts']));
    expect(Object.keys(figures.own.packages).filter((pkg) => pkg !== 'entry')).toEqual(['dockercloud-rx']);
    for (const bundle of [figures.pipeline, figures.own, figures.reference]) {
      expect(bundle.gzip).toBeLessThan(bundle.minified);
      expect(bundle.brotli).toBeLessThan(bundle.minified);
    }
    expect(figures.own.gzip).toBeLessThan(figures.pipeline.gzip);
  });

  it('never grows past its ceilings', () => {
    expect(figures.own.gzip).toBeLessThanOrEqual(CEILING.ownGzip);
    expect(figures.pipeline.gzip).toBeLessThanOrEqual(CEILING.pipelineGzip);
  });

  // Known to fail until the stream, URI and operator code shrink (see docs/benchmarks.md): jest
  // reports `it.failing` green while the budget is exceeded, and red the day it is met, which is
  // the moment to turn these into plain `it`s.
  it.failing('keeps the library\'s own code within 4 KB gzip (target)', () => {
    expect(figures.own.gzip).toBeLessThanOrEqual(figures.budget.ownGzip);
  });

  it.failing('keeps the whole typical pipeline within 15 KB gzip (target)', () => {
    expect(figures.pipeline.gzip).toBeLessThanOrEqual(figures.budget.pipelineGzip);
  });
});
