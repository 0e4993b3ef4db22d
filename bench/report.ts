// The report: a table on stdout, and docs/benchmarks.md with its SVG plots.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAIN_FLOOR, GROUPS_FLOOR, OUR_GROUPS, RXJS_GROUPS, type DecodeBenchResult } from './decodeBench.js';
import type { RejectionBenchResult } from './rejectionBench.js';
import type { EndToEndResult } from './endToEnd.js';
import { formatBytes, formatCount, formatRate, formatRatio, markdownTable, textTable, type TargetResult } from './harness.js';
import type { LatencyBenchResult } from './latencyBench.js';
import type { MemoryBenchResult } from './memoryBench.js';
import type { ResyncResult } from './resyncBench.js';
import type { ScaleOutResult } from './scaleOutBench.js';
import type { StormBenchResult } from './stormBench.js';
import { kilobytes, type BundleBenchResult } from './bundleBench.js';
import { barChart, lineChart } from './svg.js';

/** Everything one run of the benchmarks measured. */
export interface BenchResults {
  readonly quick: boolean;
  readonly startedAt: string;
  readonly minutes: number;
  readonly machine: { readonly node: string; readonly cpus: string; readonly cores: number; readonly memory: string };
  readonly decode?: DecodeBenchResult;
  readonly endToEnd?: EndToEndResult;
  readonly memory?: MemoryBenchResult;
  readonly latency?: LatencyBenchResult;
  readonly storm?: StormBenchResult;
  readonly bundle?: BundleBenchResult;
  readonly scaleOut?: ScaleOutResult;
  readonly resync?: ResyncResult;
}

/** Figures of an earlier run to show beside the new ones (the `--before` file). */
export interface BeforeFigures {
  readonly label: string;
  readonly results: BenchResults;
}

function targetsOf(results: BenchResults): TargetResult[] {
  return [
    ...(results.decode?.targets ?? []),
    ...(results.endToEnd?.targets ?? []),
    ...(results.memory?.targets ?? []),
    ...(results.latency?.targets ?? []),
    ...(results.storm?.targets ?? []),
    ...(results.bundle?.targets ?? []),
    ...(results.scaleOut?.targets ?? []),
    ...(results.resync?.targets ?? []),
  ];
}

function verdict(holds: boolean | undefined): string {
  return holds === undefined ? 'n/a (quick run)' : holds ? 'holds' : 'does NOT hold';
}

/** The tables, as text for the terminal. */
export function textReport(results: BenchResults): string {
  const parts: string[] = [];
  const { decode, endToEnd, memory, latency, storm } = results;
  if (decode !== undefined) {
    parts.push(
      `1. Decoding and operators: ${formatCount(decode.events)} frames (${decode.wrongShapes} of the wrong shape), ratio against JSON.parse`,
    );
    parts.push(
      textTable(
        ['pipeline', 'events/s', 'ms', 'ratio', 'out', 'rejected'],
        decode.rows.map((r) => [
          r.name,
          formatRate(r.rate),
          r.ms.toFixed(0),
          formatRatio(r.ratio),
          formatCount(r.outputs),
          formatCount(r.rejected),
        ]),
      ),
    );
    if (decode.rejection !== undefined) {
      const rejection = decode.rejection;
      parts.push(`1b. What a rejected frame costs the stream: ${formatCount(rejection.frames)} frames of each kind, µs per frame`);
      parts.push(
        textTable(
          ['row', 'µs/frame', 'events', 'rejected'],
          rejection.rows.map((r) => [r.name, r.microsPerFrame.toFixed(3), formatCount(r.events), formatCount(r.rejected)]),
        ),
      );
      parts.push(
        textTable(
          ['ratio', 'measured', 'limit'],
          rejection.ratios.map((r) => [r.name, `${r.ratio.toFixed(2)}×`, `${r.limit}×`]),
        ),
      );
    }
  }
  if (endToEnd !== undefined) {
    parts.push(`2. End to end on loopback: ${formatCount(endToEnd.events)} events per run, client CPU per event against ws + JSON.parse`);
    parts.push(
      textTable(
        ['client', 'client µs/event', 'CPU ratio', 'events/s', 'rate ratio', 'client CPU', 'sender CPU'],
        endToEnd.rows.map((r) => [
          r.name,
          r.clientCpuPerEvent.toFixed(2),
          formatRatio(r.cpuRatio),
          formatRate(r.rate),
          formatRatio(r.ratio),
          `${(r.clientCpu * 100).toFixed(0)} %`,
          `${(r.serverCpu * 100).toFixed(0)} %`,
        ]),
      ),
    );
  }
  if (memory !== undefined) {
    parts.push(`3. Memory: ${formatCount(memory.events)} events over ${formatCount(memory.resources)} resources, heap after GC`);
    parts.push(
      textTable(
        ['events', 'live', 'pipeline heap', 'B/live', 'baseline heap', 'B/live', 'ratio'],
        memory.points.map((p) => [
          formatCount(p.events),
          formatCount(p.live),
          formatBytes(p.pipelineHeap),
          p.pipelineBytesPerLive.toFixed(0),
          formatBytes(p.baselineHeap),
          p.baselineBytesPerLive.toFixed(0),
          formatRatio(p.ratio),
        ]),
      ),
    );
    parts.push(
      textTable(
        ['operator alone', ...memory.points.map((p) => `B/live @${formatCount(p.events)}`)],
        memory.breakdown.map((row) => [row.side, ...row.bytesPerLive.map((v) => v.toFixed(0))]),
      ),
    );
  }
  if (latency !== undefined) {
    parts.push(`4. Latency at ${formatCount(latency.rate)} events/s (sent ${formatRate(latency.sentRate)}), ms from send to subscriber`);
    parts.push(
      textTable(
        ['client', 'p50', 'p90', 'p99', 'p99.9', 'max', 'p50 ratio', 'p99 ratio'],
        latency.rows.map((r) => [
          r.name,
          r.p50.toFixed(3),
          r.p90.toFixed(3),
          r.p99.toFixed(3),
          r.p999.toFixed(3),
          r.max.toFixed(3),
          formatRatio(r.p50Ratio),
          formatRatio(r.p99Ratio),
        ]),
      ),
    );
  }
  if (storm !== undefined) {
    parts.push(
      `5. Reconnect storm: ${storm.clients} clients dropped at once, ${storm.attempts} attempts in ${storm.seconds} s; ` +
        `first second ${storm.firstSecond}, peak ${storm.peak}; after ${storm.settleAfter} s: mean ${storm.steadyMean.toFixed(1)}/s, max ${storm.steadyMax}/s`,
    );
  }
  if (results.bundle !== undefined) {
    parts.push('6. Browser bundle of a typical pipeline (esbuild, minified)');
    parts.push(textTable(['bundle', 'minified', 'gzip', 'brotli'], bundleRows(results.bundle)));
  }
  if (results.scaleOut !== undefined) {
    const scaleOut = results.scaleOut;
    parts.push(
      `7. Scale-out: ${formatCount(scaleOut.events)} events as fast as they go, then ${formatCount(scaleOut.steadyEvents)} at ` +
        `${formatCount(scaleOut.steadyRate)}/s, ms from send to subscriber`,
    );
    parts.push(textTable(['path', 'events/s', 'p50', 'p95', 'p99', 'max'], scaleOutRows(scaleOut)));
  }
  if (results.resync !== undefined) {
    const resync = results.resync;
    parts.push(
      `8. Resync: ${formatCount(resync.resources)} containers listed ${resync.pageSize} a page, reconciled with a cache holding them`,
    );
    parts.push(textTable(['side', 'ms', 'CPU ms', 'requests'], resyncRows(resync)));
  }
  parts.push('Targets');
  parts.push(
    textTable(
      ['benchmark', 'target', 'measured', 'verdict'],
      targetsOf(results).map((t) => [t.benchmark, t.target, t.measured, verdict(t.holds)]),
    ),
  );
  return parts.join('\n\n') + '\n';
}

/** The rows of benchmark 8: wall and CPU time of one listing on each side. */
function resyncRows(resync: ResyncResult): string[][] {
  return resync.rows.map((r) => [r.name, r.ms.toFixed(0), r.cpuMs.toFixed(0), String(r.requests)]);
}

/** The rows of benchmark 7: rate and latency percentiles of each path. */
function scaleOutRows(scaleOut: ScaleOutResult): string[][] {
  return scaleOut.rows.map((r) => [r.name, formatRate(r.rate), r.p50.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2), r.max.toFixed(2)]);
}

/** The markdown of the rejection rows of benchmark 1, with the figures before where given. */
function rejectionSection(rejection: RejectionBenchResult, before: RejectionBenchResult | undefined): string[] {
  const length = rejection.averageLength;
  return [
    '### What a rejected frame costs',
    '',
    `A server that floods garbage must not be a CPU attack. ${formatCount(rejection.frames)} frames of each kind are made from the ` +
      `same recorded events (${length.accepted.toFixed(0)} characters on average): the events as they are; each with one field ` +
      `broken, early or late in the order the decoder checks them (valid JSON of the wrong shape, ${length['wrong shape'].toFixed(0)} ` +
      `characters); and each cut short or with a control character inside, at a place that varies (malformed JSON, ` +
      `${length.malformed.toFixed(0)} characters). The stream rows push them through \`streamEvents\`' own frame path, as the socket ` +
      'does (size check, decode, rejection, status report to an observer that does nothing), and must reject exactly the frames ' +
      'of the wrong kinds. The floor of a malformed frame is a bare `JSON.parse` throwing on it, the error caught.',
    '',
    markdownTable(
      ['row', 'what', 'µs per frame', ...(before ? ['before'] : []), 'rejected'],
      rejection.rows.map((r) => [
        r.name,
        r.note,
        r.microsPerFrame.toFixed(3),
        ...(before ? [before.rows.find((x) => x.name === r.name)?.microsPerFrame.toFixed(3) ?? '–'] : []),
        formatCount(r.rejected),
      ]),
    ),
    '',
    markdownTable(
      ['ratio', 'measured', ...(before ? ['before'] : []), 'limit'],
      rejection.ratios.map((r) => [
        r.name,
        `**${r.ratio.toFixed(2)}×**`,
        ...(before ? [`${before.ratios.find((x) => x.name === r.name)?.ratio.toFixed(2) ?? '–'}×`] : []),
        `${r.limit}×`,
      ]),
    ),
  ];
}

function bundleRows(bundle: BundleBenchResult): string[][] {
  return [
    ['typical pipeline, with what it uses of rxjs, io-ts, fp-ts', bundle.pipeline],
    ['the same pipeline from dist/esm, as published', bundle.published],
    ["the library's own code", bundle.own],
    ['`streamEvents` alone, with what it uses of rxjs', bundle.connection],
    ['for scale: rxjs/webSocket + retry + filter', bundle.reference],
    ['own code, the connection alone (streamEvents, its decoder and errors)', bundle.parts?.connection],
    ['own code, the four operators alone', bundle.parts?.operators],
  ]
    .filter(([, figures]) => figures !== undefined)
    .map(([name, figures]) => {
      const f = figures as BundleBenchResult['own'];
      return [
        name as string,
        `${kilobytes(f.minified)}`,
        `${kilobytes(f.gzip)} (${f.gzip.toLocaleString('en-US')} B)`,
        kilobytes(f.brotli),
      ];
    });
}

function beforeRatio<T>(rows: readonly T[] | undefined, find: (row: T) => boolean, read: (row: T) => number): string {
  const row = rows?.find(find);
  return row === undefined ? '' : formatRatio(read(row));
}

/** Writes `benchmarks.md` and its plots into `docsDir`. */
export function writeMarkdownReport(results: BenchResults, docsDir: string, before?: BeforeFigures): void {
  const plots = join(docsDir, 'benchmarks');
  mkdirSync(plots, { recursive: true });
  const b = before?.results;
  const out: string[] = [];
  out.push('# Benchmarks');
  out.push('');
  out.push(
    'Written by `npm run bench` (`npm run bench -- --quick` for a short smoke run). Every figure is the median of several runs, ' +
      'and every ratio is taken against a baseline measured in the same run, round by round, so that what the machine was doing ' +
      'at the time weighs on both sides alike. The ratios are what to compare across machines; the absolute rates vary with them.',
  );
  out.push('');
  out.push(
    `Run of ${results.startedAt}${results.quick ? ' (**quick**: every benchmark shortened; targets not judged)' : ''}, ` +
      `${results.minutes.toFixed(1)} minutes; Node ${results.machine.node}, ${results.machine.cores} × ${results.machine.cpus}, ` +
      `${results.machine.memory}.${before === undefined ? '' : ` The "before" columns are ${before.label}.`}`,
  );
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(
    markdownTable(
      ['benchmark', 'target', 'measured', 'verdict'],
      targetsOf(results).map((t) => [t.benchmark, t.target, t.measured, verdict(t.holds)]),
    ),
  );
  out.push('');

  const { decode, endToEnd, memory, latency, storm } = results;
  if (decode !== undefined) {
    out.push('## 1. Decoding and operators');
    out.push('');
    out.push(
      `${formatCount(decode.events)} frames recorded once from the emulator (seeded world, ${decode.averageFrameLength.toFixed(0)} characters ` +
        `on average), with ${decode.wrongShapes} frames of the wrong shape spread through them (valid JSON, so that the baseline reads them ` +
        'too). Every row consumes the same strings in one process; the rows take turns, round after round. Every row that validates must ' +
        'reject exactly the wrong-shape frames, or the benchmark fails: validation is measured, not skipped.',
    );
    out.push('');
    out.push(
      markdownTable(
        ['pipeline', 'what', 'events/s', 'ratio to JSON.parse', ...(b?.decode ? ['ratio before'] : []), 'outputs', 'rejected'],
        decode.rows.map((r) => [
          r.name,
          r.note,
          formatRate(r.rate),
          `**${formatRatio(r.ratio)}**`,
          ...(b?.decode
            ? [
                beforeRatio(
                  b.decode.rows,
                  (x) => x.name === r.name,
                  (x) => x.ratio,
                ),
              ]
            : []),
          formatCount(r.outputs),
          formatCount(r.rejected),
        ]),
      ),
    );
    out.push('');
    writeFileSync(
      join(plots, 'decode.svg'),
      barChart({
        title: 'Throughput against JSON.parse (same frames, same run)',
        unit: 'ratio to JSON.parse (higher is faster)',
        bars: decode.rows.map((r) => ({ label: r.name, value: r.ratio, text: formatRatio(r.ratio) })),
        lines: [{ at: 0.8, label: 'target 0.8 (linear chain)' }],
        max: Math.max(1.2, ...decode.rows.map((r) => r.ratio)),
      }),
    );
    out.push('![Throughput against JSON.parse](benchmarks/decode.svg)');
    out.push('');
    if (decode.rejection !== undefined) out.push(...rejectionSection(decode.rejection, b?.decode?.rejection), '');
    const ratioOf = (name: string): string => formatRatio(decode.rows.find((r) => r.name === name)?.ratio ?? NaN);
    out.push(
      `**Where the time goes.** \`decodeEvent\` alone keeps ${ratioOf('decodeEvent')} of \`JSON.parse\`'s throughput: ` +
        '`JSON.parse` is most of its cost; checking every field (and counting them) is the rest. ' +
        `The chain down to \`stateTransitions\` keeps ${ratioOf('… → stateTransitions')}. The \`groupByResource\` branch costs the ` +
        "most, and mostly in RxJS: the emulator's world opens a group every few events (each action is a resource of its own), " +
        'and each group subscribed through ' +
        "`mergeMap(group => group.pipe(count()))` costs an inner subscription chain (mergeMap's subscriber, count's) to set " +
        'up and tear down. ' +
        `RxJS itself sets a ceiling: the same shape built of RxJS's own operators with no work in them (\`share\`, ` +
        `\`filter\` → \`filter\` → \`map\`, and a second branch that drops everything) keeps ${ratioOf('RxJS alone, same shape')} of \`JSON.parse\`, ` +
        'before any operator has done anything. With the group branch in RxJS too (`groupBy` per resource URI, each group ended by ' +
        "the resource's `delete`, so as many groups as `groupByResource` opens, each counted through the same `mergeMap`), RxJS " +
        `alone, validating nothing and normalising no URI, keeps ${ratioOf('RxJS alone, same shape, with groups')}: the full ` +
        `pipeline's ${ratioOf('full pipeline')} is at that level, so the targets separate what is ours from what RxJS costs: ` +
        `the linear chain alone against \`JSON.parse\`, and the groups (\`${OUR_GROUPS}\`, ${ratioOf(OUR_GROUPS)}) against the same ` +
        `shape in RxJS's own operators validating nothing (\`${RXJS_GROUPS}\`, ${ratioOf(RXJS_GROUPS)}), both opening the same groups` +
        (decode.groupRatio === undefined ? '' : `: ours runs at ${decode.groupRatio.toFixed(2)}× theirs`) +
        '. Subscribing each group directly instead of through `mergeMap` ' +
        `keeps ${ratioOf('full pipeline, groups subscribed directly')}. ` +
        `Each target has a floor in the same run. The linear chain's three hops in RxJS's own operators with no work in them, ` +
        `after \`decodeEvent\` (\`${CHAIN_FLOOR}\`), keep ${ratioOf(CHAIN_FLOOR)}: what \`ofType\`, \`underParent\` and ` +
        '`stateTransitions` do costs the rest. The least group operator (one `Map` per URI as the event carries it, one subscriber a group, ' +
        `no key normalised; \`${GROUPS_FLOOR}\`) keeps ${ratioOf(GROUPS_FLOOR)}` +
        (decode.rows.some((r) => r.name === GROUPS_FLOOR) && decode.rows.some((r) => r.name === RXJS_GROUPS)
          ? `, ${(decode.rows.find((r) => r.name === GROUPS_FLOOR)!.ratio / decode.rows.find((r) => r.name === RXJS_GROUPS)!.ratio).toFixed(2)}× RxJS's groupBy`
          : '') +
        ': the rest of our groups is the canonical key of each new resource, and the validation.',
    );
    out.push('');
  }
  if (endToEnd !== undefined) {
    out.push('## 2. End to end on loopback');
    out.push('');
    out.push(
      `A sender in a process of its own (\`child_process.fork\`) records ${formatCount(endToEnd.frames)} events of the emulator's seeded ` +
        `world once, encodes each as a finished WebSocket frame, and writes them over and over, ${endToEnd.burst} frames per ` +
        '`socket.write`, whenever less than 1 MiB is buffered: every client gets the same frames in the same order, and sending costs ' +
        'the sender almost nothing (its CPU below), so the clients set the pace. Each client connects alone and takes ' +
        `${formatCount(endToEnd.events)} events; the figure is the CPU time its process spent per event (\`process.cpuUsage\`), ` +
        'the clients taking turns in the same rounds, each ratio taken round by round. Every client parses every frame; ' +
        '`streamEvents` also validates it. "ws, no parsing" only counts frames. Rates are information: on two shared cores they ' +
        'also tell how often the client waited for a core.',
    );
    out.push('');
    out.push(
      markdownTable(
        [
          'client',
          'what',
          'client CPU per event',
          'CPU ratio to ws + JSON.parse',
          'events/s',
          'rate ratio to ws + JSON.parse',
          ...(b?.endToEnd ? ['rate ratio before'] : []),
          'client CPU',
          'sender CPU',
        ],
        endToEnd.rows.map((r) => [
          r.name,
          r.note,
          `**${r.clientCpuPerEvent.toFixed(2)} µs**`,
          `**${formatRatio(r.cpuRatio)}**`,
          formatRate(r.rate),
          formatRatio(r.ratio),
          ...(b?.endToEnd
            ? [
                beforeRatio(
                  b.endToEnd.rows,
                  (x) => x.name === r.name,
                  (x) => x.ratio,
                ),
              ]
            : []),
          `${(r.clientCpu * 100).toFixed(0)} %`,
          `${(r.serverCpu * 100).toFixed(0)} %`,
        ]),
      ),
    );
    out.push('');
    writeFileSync(
      join(plots, 'end-to-end.svg'),
      barChart({
        title: 'End to end on loopback: client CPU per event (µs)',
        unit: 'µs of client CPU per event',
        bars: endToEnd.rows.map((r) => ({
          label: r.name,
          value: r.clientCpuPerEvent,
          text: `${r.clientCpuPerEvent.toFixed(2)} µs (${formatRatio(r.cpuRatio)})`,
        })),
      }),
    );
    out.push('![End to end](benchmarks/end-to-end.svg)');
    out.push('');
  }
  if (memory !== undefined) {
    out.push('## 3. Memory');
    out.push('');
    out.push(
      `${formatCount(memory.events)} synthetic Docker Cloud frames over ${formatCount(memory.resources)} containers, ten events each; nine in ten ` +
        'end (`Terminated`, then `delete`) and every tenth lives on. The frames go through `decodeEvent`, then `share()` into ' +
        '`stateTransitions()`, `groupByResource()` with every group subscribed as it comes (`group.subscribe(observer)`, one ' +
        'observer for all) and ' +
        '`resourceView()` whose latest view is held. The heap is read after a full GC at five points, above what it was before ' +
        'subscribing. The baseline keeps the latest decoded event of each live resource in a plain `Map`: the least a consumer ' +
        `that remembers resources can hold. At the end the view holds ${formatCount(memory.viewSize)} resources.`,
    );
    out.push('');
    out.push(
      markdownTable(
        ['events', 'live resources', 'pipeline heap', 'per live resource', 'baseline heap', 'per live resource', 'ratio to baseline'],
        memory.points.map((p) => [
          formatCount(p.events),
          formatCount(p.live),
          formatBytes(p.pipelineHeap),
          `**${p.pipelineBytesPerLive.toFixed(0)} B**`,
          formatBytes(p.baselineHeap),
          `${p.baselineBytesPerLive.toFixed(0)} B`,
          formatRatio(p.ratio),
        ]),
      ),
    );
    out.push('');
    out.push(
      'Each operator alone (same stream, each in a fresh process), bytes per live resource at the same points (the heap ' +
        'varies by some hundred kilobytes from run to run, so a figure under about 50 B, negative ones included, means ' +
        '"nothing measurable"). ' +
        '"groupByResource + mergeMap" subscribes each group through `mergeMap(group => group.pipe(count()))`: the extra is ' +
        "RxJS's own subscribers (mergeMap's inner subscriber, count's), which the consumer's chain costs per group.",
    );
    out.push('');
    out.push(
      markdownTable(
        ['operator', ...memory.points.map((p) => `${formatCount(p.events)} events`)],
        [
          ...memory.breakdown.map((row) => [`\`${row.side}\``, ...row.bytesPerLive.map((v) => `${v.toFixed(0)} B`)]),
          ['baseline (Map of latest events)', ...memory.points.map((p) => `${p.baselineBytesPerLive.toFixed(0)} B`)],
        ],
      ),
    );
    out.push('');
    if (b?.memory !== undefined) {
      out.push(
        `Before: ${b.memory.points.map((p) => `${p.pipelineBytesPerLive.toFixed(0)} B`).join(', ')} per live resource at the same points.`,
      );
      out.push('');
    }
    writeFileSync(
      join(plots, 'memory.svg'),
      lineChart({
        title: 'Heap retained after GC, per live resource',
        xLabel: 'events processed',
        yLabel: 'bytes per live resource',
        series: [
          { name: 'operators', points: memory.points.map((p) => [p.events, p.pipelineBytesPerLive] as const) },
          {
            name: 'baseline: Map of latest events',
            points: memory.points.map((p) => [p.events, p.baselineBytesPerLive] as const),
            dashed: true,
          },
          {
            name: 'target: 1 KB',
            points: [
              [memory.points[0]!.events, 1024],
              [memory.events, 1024],
            ],
            dashed: true,
          },
        ],
        xMin: 0,
        yMax: Math.max(1280, ...memory.points.map((p) => p.pipelineBytesPerLive * 1.1)),
      }),
    );
    out.push('![Heap per live resource](benchmarks/memory.svg)');
    out.push('');
  }
  if (latency !== undefined) {
    out.push('## 4. Latency');
    out.push('');
    out.push(
      `The emulator process sends ${formatCount(latency.rate)} events a second (measured: ${formatRate(latency.sentRate)}); each client listens ` +
        `for ${latency.seconds} s per round. The emulator's recorder stamps each event just before it goes to the socket, the client ` +
        "stamps it in its subscriber, both on `performance.timeOrigin + performance.now()`; the two processes' clocks were " +
        `${Math.abs(Math.round(latency.clockOffset * 1000))} µs apart (measured over IPC, round trip ${(latency.clockRoundTrip * 1000).toFixed(0)} µs), ` +
        'which is corrected for.',
    );
    out.push('');
    out.push(
      markdownTable(
        ['client', 'p50', 'p90', 'p99', 'p99.9', 'max', 'p50 / ws', 'p99 / ws', ...(b?.latency ? ['p99 before'] : []), 'samples'],
        latency.rows.map((r) => [
          r.name,
          `${r.p50.toFixed(3)} ms`,
          `${r.p90.toFixed(3)} ms`,
          `**${r.p99.toFixed(3)} ms**`,
          `${r.p999.toFixed(3)} ms`,
          `${r.max.toFixed(2)} ms`,
          formatRatio(r.p50Ratio),
          formatRatio(r.p99Ratio),
          ...(b?.latency ? [`${b.latency.rows.find((x) => x.name === r.name)?.p99.toFixed(3) ?? ''} ms`] : []),
          formatCount(r.samples),
        ]),
      ),
    );
    out.push('');
    writeFileSync(
      join(plots, 'latency.svg'),
      lineChart({
        title: `Latency from send to subscriber at ${formatCount(latency.rate)} events/s (share of events at or below)`,
        xLabel: 'latency, ms (log scale)',
        yLabel: 'share of events',
        logX: true,
        yMax: 1,
        series: latency.rows.map((r) => ({ name: r.name, points: cdfPoints(r.distribution) })),
      }),
    );
    out.push('![Latency distribution](benchmarks/latency.svg)');
    out.push('');
    const bare = latency.rows[0];
    if (bare !== undefined) {
      out.push(
        `**Reading the tail.** The bare \`ws\` client, which does nothing but \`JSON.parse\`, has a p99 of ${bare.p99.toFixed(3)} ms ` +
          'in the same rounds: a client spends a few microseconds per event, so the milliseconds of the tail are the time a ' +
          'process waits for a core (two cores, shared by the emulator, the client and whatever else runs) and garbage ' +
          'collection pauses, not the work of decoding. So the p99 of one client varies by a factor of two from one ' +
          '10-second round to the next on a busy machine; the ratios to bare `ws` are the figures that belong to the client. ' +
          '"p50 / ws" is the median of the per-round ratios; "p99 / ws" is the p99 of all the rounds of a client pooled over ' +
          'the same of bare `ws`: the rounds alternate between the clients, so both pools saw the same moments of the machine.',
      );
      out.push('');
    }
  }
  if (storm !== undefined) {
    out.push('## 5. Reconnect storm');
    out.push('');
    out.push(
      `${storm.clients} subscriptions of \`streamEvents\` with the default backoff (full jitter, 1 s doubling to 30 s, at least 1 s between ` +
        'attempts) connect to the emulator process, which then refuses handshakes (503) and drops every connection at once ' +
        `(\`faults.dropAll()\`), and keeps refusing for ${storm.seconds} s. Every attempt is counted in the second it starts. ` +
        `${formatCount(storm.attempts)} attempts: ${storm.firstSecond} in the first second, a peak of ${storm.peak}; after ` +
        `${storm.settleAfter} s, a mean of ${storm.steadyMean.toFixed(1)} a second and a maximum of ${storm.steadyMax} ` +
        `(×${(storm.steadyMax / storm.steadyMean).toFixed(2)} the mean).`,
    );
    out.push('');
    const mean = storm.steadyMean;
    // The scale of the steady state; the first seconds' burst is drawn clipped at the top.
    const yMax = Math.max(3 * mean, 1.2 * storm.steadyMax);
    const clipped = storm.perSecond.map((n, i) => [i, n] as const).filter(([, n]) => n > yMax);
    const clippedNote =
      clipped.length === 0
        ? ''
        : ` (clipped: ${clipped
            .slice(0, 3)
            .map(([, n]) => n)
            .join(', ')}${clipped.length > 3 ? ', …' : ''})`;
    writeFileSync(
      join(plots, 'storm.svg'),
      lineChart({
        title: `Reconnect storm: attempts per second, ${storm.clients} clients dropped at t = 0${clippedNote}`,
        yMax,
        xLabel: 'seconds after the drop',
        yLabel: 'attempts per second',
        series: [
          { name: 'attempts', points: storm.perSecond.map((n, i) => [i + 0.5, n] as const) },
          {
            name: `mean after ${storm.settleAfter} s`,
            points: [
              [storm.settleAfter, mean],
              [storm.seconds, mean],
            ],
            dashed: true,
          },
          {
            name: '2 × that mean',
            points: [
              [storm.settleAfter, 2 * mean],
              [storm.seconds, 2 * mean],
            ],
            dashed: true,
          },
        ],
        xMin: 0,
        xMax: storm.seconds,
      }),
    );
    out.push('![Reconnect storm](benchmarks/storm.svg)');
    out.push('');
  }
  const bundle = results.bundle;
  if (bundle !== undefined) {
    out.push('## 6. Browser bundle size');
    out.push('');
    out.push(
      'A typical pipeline (`streamEvents` with query credentials and a status observer, `share()`, then `ofType`, `underParent`, ' +
        '`stateTransitions` and `groupByResource`), imported from the browser entry and bundled by esbuild for the browser, ' +
        'minified; gzip at level 9, brotli at quality 11; KB of 1,024 bytes. "The library\'s own code" is the same entry with ' +
        '`rxjs`, `io-ts` and `fp-ts` left out. Measured by `scripts/bundleSize.mjs` (`npm run size`); ' +
        "`spec/package/bundleSize.spec.ts` checks the same figures in every `npm test`: the pipeline and the library's own code " +
        'each against a ceiling just above its present size. The targets are the pipeline within ' +
        `${kilobytes(bundle.goals.pipelineGzip)} gzip, and \`streamEvents\` alone within ${bundle.goals.connectionToReference}× ` +
        'rxjs/webSocket + retry + filter; the own code alone is information (what a user pays is the pipeline). The figures ' +
        "are for esbuild's default resolution of rxjs, its ES5 build with tslib, which is what esbuild, Vite and webpack pick.",
    );
    out.push('');
    out.push(markdownTable(['bundle', 'minified', 'gzip', 'brotli'], bundleRows(bundle)));
    out.push('');
    const packages = Object.entries(bundle.pipeline.packages)
      .sort((a, b) => b[1] - a[1])
      .map(([name, bytes]) => `${name} ${bytes.toLocaleString('en-US')} B`)
      .join(', ');
    out.push(
      `Minified bytes of the typical pipeline per package: ${packages}. No io-ts and no fp-ts: the decoder of the stream runs on ` +
        'field-by-field readers of its own, and the io-ts codecs (which the same readers back) are only bundled by code that imports ' +
        "them. `tslib` comes with RxJS's ES5 build.",
    );
    out.push('');
    const parts = bundle.parts;
    if (parts !== undefined) {
      const concerns = Object.entries(bundle.own.concerns)
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => `\`lib/${name}\` ${bytes.toLocaleString('en-US')} B`)
        .join(', ');
      out.push(
        `**Where the bytes are.** Minified bytes of the library's own code per directory: ${concerns}. ` +
          `Bundled alone, the connection (\`streamEvents\` with its option checks, reconnection and stall watch, the decoder ` +
          `and the typed errors) is ${kilobytes(parts.connection.gzip)} gzip, and the four operators alone ` +
          `${kilobytes(parts.operators.gzip)}. Messages are a small part: emptying every string of 16 characters or more ` +
          `saves ${bundle.own.messagesGzip.toLocaleString('en-US')} B of the gzip. The rest is behaviour that the stream, ` +
          'model and operator documents require: every option checked with a typed error naming it, credentials kept out ' +
          'of every message, reconnection with backoff and a stall watch, every field of every frame validated with its ' +
          'path, one URI grammar, transitive parentage, group lifetimes.',
      );
      out.push('');
    }
  }
  const scaleOut = results.scaleOut;
  if (scaleOut !== undefined) {
    out.push('## 7. Scale-out through NATS JetStream');
    out.push('');
    out.push(
      'The emulator (in the benchmark process, stepped) feeds, on one side, `streamEvents` directly; on the other, a relay as ' +
        '`dockercloud-rx relay` runs it (`watchResources` → `publishEvents`) into a real `nats-server -js` on loopback, read ' +
        'back by `consumeEvents` (batch 256): one process for the emulator, the relay and the consumer, nats-server in its ' +
        `own. Each path gets ${formatCount(scaleOut.events)} events sent as fast as the loop allows (events/s from the first ` +
        `sent to the last received), then ${formatCount(scaleOut.steadyEvents)} at ${formatCount(scaleOut.steadyRate)} a ` +
        'second for the latency, from the moment the emulator sends an event to the moment the subscriber gets it (see ' +
        '[scale-out](scale-out.md)).',
    );
    out.push('');
    out.push(markdownTable(['path', 'events/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], scaleOutRows(scaleOut)));
    out.push('');
  }
  const resync = results.resync;
  if (resync !== undefined) {
    out.push('## 8. Resync of a big listing');
    out.push('');
    out.push(
      `The emulator, in a process of its own with its world paused, holds ${formatCount(resync.resources)} containers. A ` +
        '`watchResources` of containers (Node entry, default settings but a short reconnect backoff) that already holds them all ' +
        'in its cache is made to reconnect (the emulator drops its connection), and is timed from its `listing` status to its ' +
        `\`synced\`: every page (${resync.pageSize} objects, each page after the first asked one object early, see ` +
        '[pagination](resync.md#pagination)) fetched, parsed, decoded, and reconciled with the cache; the resync must find every ' +
        'resource and change nothing, or the benchmark fails. The baseline fetches the same listing with `fetch` and ' +
        '`response.json()`, following `meta.next`, in the same process. The two take turns, round after round; the ratio is the ' +
        "median of the rounds' ratios. CPU is this process's time during one listing.",
    );
    out.push('');
    out.push(
      markdownTable(
        ['side', 'what', 'ms per listing', 'CPU ms', 'requests', 'rounds (ms)'],
        resync.rows.map((r) => [
          r.name,
          r.note,
          `**${r.ms.toFixed(0)}**`,
          r.cpuMs.toFixed(0),
          String(r.requests),
          r.rounds.map((x) => x.toFixed(0)).join(', '),
        ]),
      ),
    );
    out.push('');
    out.push(`Ratio: **${resync.ratio.toFixed(2)}** of bare fetch + parse.`);
    out.push('');
  }
  // The profiles are not measured by the run: they are read from bench/profiles.md (run from the
  // project's root, as `npm run bench` is), written by hand.
  const profiles = join('bench', 'profiles.md');
  if (existsSync(profiles)) {
    out.push(readFileSync(profiles, 'utf8').trim());
    out.push('');
  }
  out.push('## What keeps the costs down');
  out.push('');
  out.push(
    [
      '- **One memo of resource URIs** (`lib/uri/resourceKey.ts`), shared by the operators: two small two-way',
      '  set-associative tables (8 192 parent URIs, 2 048 resource URIs), hashed on the length and the last characters',
      '  of a URI rather than by `Map`, which would hash every character of every fresh string. The operators ask it for',
      '  `normalizeResourceUri` of a URI once, and share the key string; `resourceView` and the resync cache give the',
      "  events they keep the memo's string of each parent URI, so kept events naming one parent share one string. It is",
      '  bounded (older entries are overwritten), and holds values of pure functions only, so nothing can observe it but',
      '  time and memory.',
      '- **`normalizeResourceUri` reads the slashes** of a plain `/api/…` path instead of splitting it; the general parser',
      '  still answers for every other form, and a property test holds the two to the same answers.',
      '- **Validation without io-ts contexts on the way through, and no copy:** a resource event is checked field by',
      '  field; the io-ts codec (and its path-naming errors) runs only for a message that fails, or is not a resource event.',
      "  The object `JSON.parse` made for a frame, which nobody else holds, is the event itself when it has the model's",
      "  fields and no other (counted, so that unknown fields are still dropped); anything else is copied into the model's",
      '  form. Every field is still checked: the wrong-shape frames of benchmark 1 are rejected, with the same messages.',
      '- **`groupByResource` groups are their own multicast:** no Subject, wrapper or closure per group, and the teardown',
      "  of a group's subscriber is registered only once the output is unsubscribed (until then, a subscriber that left is",
      "  dropped at its group's next event), which spares every group RxJS's finalizer list.",
      '- **`resourceView` keeps the key string it already holds** when it replaces an entry.',
    ].join('\n'),
  );
  out.push('');
  out.push('## How it is measured');
  out.push('');
  out.push(
    [
      '- The benchmarks live in `bench/` (TypeScript, bundled with esbuild from the sources in `lib/`) and run with `node --expose-gc`,',
      '  each in a fresh process of its own, so that none inherits the heap, the compiled code or the garbage of another.',
      '- `npm run bench -- --quick` shortens everything; `--only=1,3` runs some of them; `--runs=N` sets the rounds of benchmark 1.',
      '- Progress goes to stderr, the tables to stdout, this page and its plots to `docs/`.',
      '- Two cores: in benchmark 2 the sender and the clients, in 4 and 5 the emulator and the clients, each have one.',
    ].join('\n'),
  );
  out.push('');
  writeFileSync(join(docsDir, 'benchmarks.md'), out.join('\n'));
}

/** Up to 400 points of the cumulative distribution of sorted latencies. */
function cdfPoints(sorted: Float64Array): [number, number][] {
  const points: [number, number][] = [];
  const n = sorted.length;
  if (n === 0) return points;
  const step = Math.max(1, Math.floor(n / 400));
  for (let i = 0; i < n; i += step) points.push([sorted[i]!, (i + 1) / n]);
  points.push([sorted[n - 1]!, 1]);
  return points;
}
