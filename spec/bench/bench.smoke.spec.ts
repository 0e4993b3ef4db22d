import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { decodeEvent } from '../../lib/index.js';
import { checkValidation, runDecodeBench, WRONG_SHAPES, withWrongShapes } from '../../bench/decodeBench.js';
import { runEndToEndBench } from '../../bench/endToEnd.js';
import { Progress, type BenchSettings } from '../../bench/harness.js';
import { runLatencyBench } from '../../bench/latencyBench.js';
import { runMemoryBench } from '../../bench/memoryBench.js';
import { recordFrames } from '../../bench/recordEvents.js';
import { textReport, writeMarkdownReport, type BenchResults } from '../../bench/report.js';
import { runResyncBench } from '../../bench/resyncBench.js';
import { runScaleOutBench } from '../../bench/scaleOutBench.js';
import { runStormBench } from '../../bench/stormBench.js';

// A tiny run of the benchmark harness: that it runs, and that benchmark 1 would notice a
// decoder that lets a wrong shape through. No timing is asserted: `npm run bench` measures.

const settings: BenchSettings = { quick: true, runs: 1, progress: false };
const quiet = new Progress(false);
const root = join(__dirname, '..', '..');

describe('the validation check of benchmark 1', () => {
  it('passes with decodeEvent, which rejects every wrong-shape frame', () => {
    expect(checkValidation()).toBe(WRONG_SHAPES.length);
    for (const { frame } of WRONG_SHAPES) expect(decodeEvent(frame)._tag).toBe('Left');
  });

  it('fails with a decoder that accepts a wrong shape', () => {
    const lenient: typeof decodeEvent = (input) => {
      const value = typeof input === 'string' ? (JSON.parse(input) as { action?: unknown }) : input;
      if ((value as { action?: unknown }).action === 'explode') return { _tag: 'Right', right: value as never };
      return decodeEvent(input);
    };
    expect(() => checkValidation(lenient)).toThrow(/validation weakened/);
  });

  it('spreads the wrong-shape frames through the recording', () => {
    const { frames, wrong } = withWrongShapes(
      Array.from({ length: 100 }, () => '{}'),
      2,
    );
    expect(wrong).toBe(2 * WRONG_SHAPES.length);
    expect(frames).toHaveLength(100 + wrong);
  });
});

describe('the benchmark harness', () => {
  let results: { -readonly [K in keyof BenchResults]: BenchResults[K] };
  beforeAll(() => {
    results = {
      quick: true,
      startedAt: '2024-01-01T00:00:00Z',
      minutes: 0,
      machine: { node: process.version, cpus: 'test', cores: 1, memory: '1 GiB' },
    };
  });

  it('runs benchmark 1 on a few thousand recorded events, rejecting exactly the wrong shapes', async () => {
    const recorded = await recordFrames(3_000);
    expect(recorded.frames).toHaveLength(3_000);
    const decode = runDecodeBench(recorded.frames, recorded.clusterUri, settings, quiet);
    results.decode = decode;
    expect(decode.rows.map((row) => row.name)).toContain('full pipeline');
    for (const row of decode.rows) {
      expect(Number.isFinite(row.ratio)).toBe(true);
      if (row.name.startsWith('decodeEvent') || row.name.startsWith('…') || row.name === 'full pipeline') {
        expect(row.rejected).toBe(decode.wrongShapes);
      }
    }
    expect(decode.targets[0]!.measured).toContain(`${decode.wrongShapes}/${decode.wrongShapes} wrong shapes rejected`);
    // What a rejected frame costs: the stream rejected exactly the wrong-shape and malformed frames.
    const rejection = decode.rejection!;
    for (const row of rejection.rows.filter((r) => r.name.startsWith('stream'))) {
      expect([row.name, row.rejected, row.events]).toEqual([
        row.name,
        row.kind === 'accepted' ? 0 : rejection.frames,
        row.kind === 'accepted' ? rejection.frames : 0,
      ]);
    }
    expect(rejection.ratios.map((r) => r.limit)).toEqual([3, 1.5, 3, 1.5]);
    expect(decode.targets.filter((t) => t.target.startsWith('rejection cost'))).toHaveLength(4);
    // The reference rows do the same work as the rows they stand for: RxJS's groupBy opens
    // exactly as many groups as groupByResource, and subscribing groups directly changes nothing
    // in what comes out.
    const outputs = (name: string): number => decode.rows.find((row) => row.name === name)!.outputs;
    const groups = outputs('full pipeline') - outputs('… → stateTransitions');
    expect(groups).toBeGreaterThan(100);
    expect(outputs('RxJS alone, same shape, with groups') - outputs('RxJS alone, same shape')).toBe(groups);
    expect(outputs('full pipeline, groups subscribed directly')).toBe(outputs('full pipeline'));
  }, 60_000);

  it('runs benchmark 3 on a few hundred resources', async () => {
    const memory = await runMemoryBench(300, settings, quiet);
    results.memory = memory;
    expect(memory.points).toHaveLength(5);
    expect(memory.points[4]!.live).toBe(30);
    expect(memory.viewSize).toBe(30);
    expect(memory.breakdown.map((row) => row.side)).toContain('groupByResource');
  }, 60_000);

  describe('with the emulator in a process of its own', () => {
    const out = join(root, 'node_modules', '.cache', 'dockercloud-rx-bench-smoke');
    const script = join(out, 'emulatorProcess.cjs');
    const senderScript = join(out, 'senderProcess.cjs');
    beforeAll(async () => {
      await build({
        entryPoints: { emulatorProcess: join(root, 'bench', 'emulatorProcess.ts'), senderProcess: join(root, 'bench', 'senderProcess.ts') },
        outdir: out,
        outExtension: { '.js': '.cjs' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        packages: 'external',
        logLevel: 'error',
      });
    }, 60_000);

    it('runs benchmarks 2, 4 and 5, briefly', async () => {
      const endToEnd = await runEndToEndBench(senderScript, 2_000, settings, quiet);
      results.endToEnd = endToEnd;
      expect(endToEnd.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(['ws + JSON.parse', 'rxjs/webSocket', 'reconnecting-websocket', 'streamEvents']),
      );
      for (const row of endToEnd.rows) expect([row.rate > 0, row.clientCpuPerEvent > 0, row.cpuRatio > 0]).toEqual([true, true, true]);
      expect(endToEnd.rows.find((row) => row.name === 'ws + JSON.parse')!.cpuRatio).toBe(1);
      expect(endToEnd.targets.map((t) => t.benchmark)).toEqual(['2. end to end']);

      const latency = await runLatencyBench(script, 1_000, 0.5, settings, quiet);
      results.latency = latency;
      for (const row of latency.rows) expect(row.samples).toBeGreaterThan(0);

      const storm = await runStormBench(script, 10, 3, 1, settings, quiet);
      results.storm = storm;
      expect(storm.perSecond).toHaveLength(3);
      expect(storm.firstSecond).toBeGreaterThan(0);
    }, 120_000);

    it('runs benchmark 8 on 500 containers: each resync finds them all and changes nothing, or it fails', async () => {
      const resync = await runResyncBench(script, 1, settings, quiet);
      results.resync = resync;
      expect(resync.resources).toBe(500);
      expect(resync.rows.map((row) => row.name)).toEqual(['fetch + JSON.parse', 'watchResources resync']);
      // 5 pages of 100 bare; the watch's pages after the first bring 99 new objects each (one shown again).
      expect(resync.rows.map((row) => row.requests)).toEqual([5, 6]);
      for (const row of resync.rows) expect(row.ms).toBeGreaterThan(0);
      expect(resync.targets.map((t) => t.holds)).toEqual([undefined]);
    }, 120_000);
  });

  it('runs benchmark 7 (its own nats-server), briefly: every event through each path, percentiles in order', async () => {
    const scaleOut = await runScaleOutBench(400, 200, 200, quiet);
    results.scaleOut = scaleOut;
    expect(scaleOut.rows.map((row) => row.name)).toEqual(['streamEvents (direct)', 'relay → JetStream → consumeEvents']);
    for (const row of scaleOut.rows) {
      expect(row.rate).toBeGreaterThan(0);
      expect(row.p50).toBeGreaterThan(0);
      expect([row.p50 <= row.p95, row.p95 <= row.p99, row.p99 <= row.max]).toEqual([true, true, true]);
    }
    expect(scaleOut.targets).toHaveLength(1);
  }, 120_000);

  it('writes the report, with its plots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-bench-report-'));
    try {
      writeMarkdownReport(results, dir);
      const markdown = readFileSync(join(dir, 'benchmarks.md'), 'utf8');
      expect(markdown).toContain('## 1. Decoding and operators');
      expect(markdown).toContain('### What a rejected frame costs');
      expect(markdown).toContain('## 3. Memory');
      expect(readFileSync(join(dir, 'benchmarks', 'decode.svg'), 'utf8')).toMatch(/^<svg/);
      expect(markdown).toContain('## 7. Scale-out through NATS JetStream');
      expect(textReport(results)).toContain('7. Scale-out');
      expect(markdown).toContain('## 8. Resync of a big listing');
      expect(textReport(results)).toContain('8. Resync');
      expect(textReport(results)).toContain('Targets');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
