// `npm run bench [-- --quick] [--only=1,2] [--runs=N] [--json=file] [--before=file] [--docs=dir]`

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { runBundleBench } from './bundleBench.js';
import { runDecodeBench } from './decodeBench.js';
import { runEndToEndBench } from './endToEnd.js';
import { collectGarbage, now, Progress, type BenchSettings } from './harness.js';
import { runLatencyBench } from './latencyBench.js';
import { measureMemory, runMemoryBench, type MemoryMeasurement, type MemorySide } from './memoryBench.js';
import { recordFrames } from './recordEvents.js';
import { textReport, writeMarkdownReport, type BenchResults, type BeforeFigures } from './report.js';
import { runResyncBench } from './resyncBench.js';
import { runScaleOutBench } from './scaleOutBench.js';
import { runStormBench } from './stormBench.js';

interface Args {
  quick: boolean;
  only: Set<number>;
  runs: number | undefined;
  json: string | undefined;
  before: string | undefined;
  docs: string;
  rows: string[] | undefined;
  memoryChild: string | undefined;
  child: number | undefined;
  reportOnly: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    quick: false,
    only: new Set([1, 2, 3, 4, 5, 6, 7, 8]),
    runs: undefined,
    json: undefined,
    before: undefined,
    docs: 'docs',
    rows: undefined,
    memoryChild: undefined,
    child: undefined,
    reportOnly: undefined,
  };
  for (const arg of argv) {
    const [key, value] = arg.split('=', 2) as [string, string | undefined];
    if (key === '--quick') args.quick = true;
    else if (key === '--only' && value !== undefined) args.only = new Set(value.split(',').map(Number));
    else if (key === '--runs' && value !== undefined) args.runs = Number(value);
    else if (key === '--json' && value !== undefined) args.json = value;
    else if (key === '--before' && value !== undefined) args.before = value;
    else if (key === '--docs' && value !== undefined) args.docs = value;
    else if (key === '--rows' && value !== undefined) args.rows = value.split(',');
    else if (key === '--memory-child' && value !== undefined) args.memoryChild = value;
    else if (key === '--report-only' && value !== undefined) args.reportOnly = value;
    else if (key === '--child' && value !== undefined) args.child = Number(value);
    else
      throw new Error(
        `unknown argument ${arg}: use --quick, --only=1,2, --runs=N, --json=file, --before=file, --docs=dir, --report-only=file`,
      );
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!collectGarbage()) throw new Error('run with node --expose-gc (npm run bench does)');
  if (args.reportOnly !== undefined) {
    // Writes the report of a run saved with --json, without measuring anything.
    const results = revive(JSON.parse(readFileSync(args.reportOnly, 'utf8')) as BenchResults);
    process.stdout.write(textReport(results));
    writeMarkdownReport(results, resolve(args.docs), readBefore(args.before));
    return;
  }
  if (args.memoryChild !== undefined) {
    // One side of benchmark 3, in a fresh process: `--memory-child=<side>:<resources>`.
    const [side, resources] = args.memoryChild.split(':') as [MemorySide, string];
    const measured = measureMemory(side, Number(resources), new Progress(true));
    process.stdout.write(JSON.stringify(measured));
    return;
  }
  const quick = args.quick;
  const started = now();
  const cpu = cpus();
  if (args.child !== undefined) {
    // One benchmark, in a process of its own: its part of the results goes to stdout as JSON.
    process.stdout.write(toJson(await runBenchmark(args.child, args)));
    return;
  }
  const results: {
    -readonly [K in keyof BenchResults]: BenchResults[K];
  } = {
    quick,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    minutes: 0,
    machine: {
      node: process.version,
      cpus: cpu[0]?.model.trim() ?? 'unknown CPU',
      cores: cpu.length,
      memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    },
  };
  // Each benchmark runs in a fresh process, so that none inherits the heap, the compiled code
  // or the garbage of another (benchmark 1's million frames would weigh on benchmark 4's tail).
  for (const n of [...args.only].sort()) {
    const output = execFileSync(process.execPath, ['--expose-gc', __filename, `--child=${n}`, ...childArgs(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 28,
    });
    Object.assign(results, revive(JSON.parse(output.toString()) as Partial<BenchResults>));
  }
  results.minutes = (now() - started) / 60_000;

  process.stdout.write('\n' + textReport(results));
  if (args.json !== undefined) writeFileSync(args.json, toJson(results));
  writeMarkdownReport(results, resolve(args.docs), readBefore(args.before));
  process.stderr.write(`wrote ${join(args.docs, 'benchmarks.md')} in ${results.minutes.toFixed(1)} minutes\n`);
}

/** Benchmark `n` alone, as its part of the results. */
async function runBenchmark(n: number, args: Args): Promise<Partial<BenchResults>> {
  const emulatorScript = join(__dirname, 'emulatorProcess.cjs');
  const quick = args.quick;
  const settings: BenchSettings = { quick, runs: args.runs ?? (quick ? 2 : 5), progress: true };
  // Rounds of the benchmarks over sockets (2 and 4), which the machine's other work disturbs most.
  const fewRuns: BenchSettings = { ...settings, runs: quick ? 1 : 5 };
  const progress = new Progress(true);
  switch (n) {
    case 1: {
      process.stderr.write('1. decoding and operators\n');
      const recorded = await recordFrames(quick ? 100_000 : 1_000_000, progress);
      return { decode: runDecodeBench(recorded.frames, recorded.clusterUri, settings, progress, args.rows) };
    }
    case 2:
      process.stderr.write('2. end to end\n');
      return { endToEnd: await runEndToEndBench(join(__dirname, 'senderProcess.cjs'), quick ? 20_000 : 500_000, fewRuns, progress) };
    case 3: {
      process.stderr.write('3. memory\n');
      const inFreshProcess = (side: MemorySide, resources: number): Promise<MemoryMeasurement> => {
        const output = execFileSync(process.execPath, ['--expose-gc', __filename, `--memory-child=${side}:${resources}`], {
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 1 << 20,
        });
        return Promise.resolve(JSON.parse(output.toString()) as MemoryMeasurement);
      };
      return { memory: await runMemoryBench(quick ? 10_000 : 100_000, settings, progress, inFreshProcess) };
    }
    case 4:
      process.stderr.write('4. latency\n');
      return { latency: await runLatencyBench(emulatorScript, 10_000, quick ? 2 : 10, fewRuns, progress) };
    case 5:
      process.stderr.write('5. reconnect storm\n');
      return {
        storm: quick
          ? await runStormBench(emulatorScript, 100, 12, 5, settings, progress)
          : await runStormBench(emulatorScript, 1000, 150, 30, settings, progress),
      };
    case 6:
      process.stderr.write('6. bundle size\n');
      return { bundle: await runBundleBench(resolve(__dirname, '..', '..', '..')) };
    case 7:
      process.stderr.write('7. scale-out through NATS JetStream\n');
      return {
        scaleOut: quick ? await runScaleOutBench(5_000, 500, 2_000, progress) : await runScaleOutBench(20_000, 500, 5_000, progress),
      };
    case 8:
      process.stderr.write('8. resync of a big listing\n');
      return { resync: await runResyncBench(emulatorScript, quick ? 4 : 20, settings, progress) };
    default:
      throw new Error(`no benchmark ${n}: they are 1 to 8`);
  }
}

/** The arguments a benchmark's child process needs from ours. */
function childArgs(args: Args): string[] {
  return [
    ...(args.quick ? ['--quick'] : []),
    ...(args.runs === undefined ? [] : [`--runs=${args.runs}`]),
    ...(args.rows === undefined ? [] : [`--rows=${args.rows.join(',')}`]),
  ];
}

/** Results as JSON (typed arrays as plain arrays). */
function toJson(results: Partial<BenchResults>): string {
  return JSON.stringify(results, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value), 1);
}

/** Results read back from JSON (the latency distributions as typed arrays again). */
function revive<R extends Partial<BenchResults>>(saved: R): R {
  return saved.latency === undefined
    ? saved
    : {
        ...saved,
        latency: {
          ...saved.latency,
          rows: saved.latency.rows.map((row) => ({ ...row, distribution: Float64Array.from(row.distribution) })),
        },
      };
}

/** The figures to show as "before": `--before=file`, else bench/before.json if there is one. */
function readBefore(file: string | undefined): BeforeFigures | undefined {
  const path = file ?? (existsSync('bench/before.json') ? 'bench/before.json' : undefined);
  return path === undefined ? undefined : (JSON.parse(readFileSync(path, 'utf8')) as BeforeFigures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
