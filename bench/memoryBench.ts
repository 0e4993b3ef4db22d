// Benchmark 3: the heap that stateTransitions, groupByResource and resourceView retain, over
// many resources most of which end, measured after GC at several points of the stream.

import { count, mergeMap, tap, type Observable } from 'rxjs';
import type { CloudEvent } from '../lib/model/CloudEvent.js';
import { groupByResource } from '../lib/operators/groupByResource.js';
import { resourceView, type ResourceView } from '../lib/operators/resourceView.js';
import { stateTransitions } from '../lib/operators/stateTransitions.js';
import { collectGarbage, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import { decodedFrames, fanOut, type Rejections } from './pipelines.js';

const EVENTS_PER_RESOURCE = 10;
const KEEP_EVERY = 10;
// The states of a resource that ends (the last two: Terminated, then the delete) and of one
// that lives on.
const ENDING = ['Starting', 'Running', 'Running', 'Stopping', 'Stopped', 'Starting', 'Running', 'Terminating', 'Terminated', 'Terminated'];
const LIVING = ['Starting', 'Running', 'Running', 'Stopping', 'Stopped', 'Starting', 'Running', 'Running', 'Stopping', 'Stopped'];

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/** A uuid-shaped id, deterministic in (`salt`, `n`). */
function uuidOf(salt: number, n: number): string {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ salt;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  const g = Math.imul(h ^ (h >>> 16), 0x27d4eb2d);
  return `${hex(h, 8)}-${hex(n >>> 16, 4)}-4${hex(n, 3)}-8${hex(g, 3)}-${hex(g ^ n, 8)}${hex(salt, 4)}`;
}

/**
 * The synthetic stream of benchmark 3, as Docker Cloud frames: `resources` containers, each
 * with ten events spread over `spread` steps of the stream, so that about `9 × spread`
 * resources are under way at any time. Nine in ten end (`Terminated`, then `delete`); every
 * tenth lives on to the end.
 */
export class ChurnStream {
  readonly length: number;
  private step = 0;
  private stage = 0;
  private produced = 0;
  private created = 0;
  private ended = 0;
  private readonly parentUris: { service: string[]; stack: string[]; node: string[]; cluster: string };

  constructor(
    readonly resources: number,
    private readonly spread: number,
  ) {
    this.length = resources * EVENTS_PER_RESOURCE;
    const list = (kind: string, n: number): string[] =>
      Array.from({ length: n }, (_, i) => `/api/app/v1/bench/${kind}/${uuidOf(kind.length, i)}/`);
    this.parentUris = {
      service: list('service', Math.max(1, resources / 20)),
      stack: list('stack', Math.max(1, resources / 200)),
      node: list('node', 50),
      cluster: `/api/app/v1/bench/nodecluster/${uuidOf(99, 0)}/`,
    };
  }

  /** Resources created and not yet ended, after the frames produced so far. */
  get live(): number {
    return this.created - this.ended;
  }

  /** The next frame. */
  next(): string {
    for (;;) {
      const i = this.step - this.stage * this.spread;
      const stage = this.stage;
      if (++this.stage === EVENTS_PER_RESOURCE) {
        this.stage = 0;
        this.step++;
      }
      if (i >= 0 && i < this.resources) return this.frame(i, stage);
    }
  }

  private frame(i: number, stage: number): string {
    const kept = i % KEEP_EVERY === 0;
    const state = (kept ? LIVING : ENDING)[stage]!;
    const action = stage === 0 ? 'create' : !kept && stage === EVENTS_PER_RESOURCE - 1 ? 'delete' : 'update';
    if (stage === 0) this.created++;
    // The resource ends at its Terminated update; the delete that follows ends nothing more.
    if (!kept && stage === EVENTS_PER_RESOURCE - 2) this.ended++;
    const n = this.produced++;
    const p = this.parentUris;
    const service = i % p.service.length;
    const parents = [p.service[service]!, p.stack[service % p.stack.length]!, p.node[i % p.node.length]!, p.cluster];
    const seconds = 1_454_342_400 + (n >> 4);
    return JSON.stringify({
      type: 'container',
      action,
      parents,
      resource_uri: `/api/app/v1/bench/container/${uuidOf(1, i)}/`,
      state,
      uuid: uuidOf(2, n),
      datetime: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
    });
  }
}

/** The heap at one point of the stream. */
export interface MemoryPoint {
  readonly events: number;
  readonly live: number;
  /** Heap used after GC, above what it was before subscribing, in bytes. */
  readonly pipelineHeap: number;
  readonly pipelineBytesPerLive: number;
  /** The same for the baseline (a Map of the latest event per live resource). */
  readonly baselineHeap: number;
  readonly baselineBytesPerLive: number;
  readonly ratio: number;
}

/** What benchmark 3 reports. */
export interface MemoryBenchResult {
  readonly events: number;
  readonly resources: number;
  readonly points: readonly MemoryPoint[];
  readonly viewSize: number;
  /** Bytes per live resource of each operator alone, at the last point. */
  readonly breakdown: readonly { readonly side: MemorySide; readonly bytesPerLive: readonly number[] }[];
  readonly targets: readonly TargetResult[];
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Pushes the whole churn stream through `consume`, measuring the heap after GC at each of
 * `checkpoints` (event counts). Returns, per checkpoint, the heap above the starting point.
 */
function measureHeap(
  stream: ChurnStream,
  checkpoints: readonly number[],
  consume: (events$: Observable<CloudEvent>) => () => void,
  progress: Progress,
  label: string,
): { heap: number[]; live: number[] } {
  const heap: number[] = [];
  const live: number[] = [];
  const rejections: Rejections = { count: 0, last: undefined };
  let next = 0;
  // One frame more than the stream has: a control message, which every operator ignores, so
  // that the last checkpoint is measured once every event has gone through.
  const frames = (i: number): string => {
    if (i === checkpoints[next]) {
      heap.push(heapUsed() - base);
      live.push(stream.live);
      next++;
    }
    if ((i & 0xffff) === 0) progress.tick(`memory: ${label} ${i.toLocaleString('en-US')} / ${stream.length.toLocaleString('en-US')}`);
    return i < stream.length ? stream.next() : '{"type":"auth"}';
  };
  const base = heapUsed();
  const stop = consume(decodedFrames(stream.length + 1, frames, rejections));
  stop();
  if (rejections.count !== 0) throw new Error(`memory: ${rejections.count} frames rejected`);
  return { heap, live };
}

/** Which consumer a memory measurement runs: the pipeline, one of its operators alone, or the baseline. */
export type MemorySide = 'pipeline' | 'stateTransitions' | 'groupByResource' | 'groupByResource + mergeMap' | 'resourceView' | 'baseline';

/** The operators measured alone, to tell where the pipeline's memory goes. */
export const MEMORY_BREAKDOWN: readonly MemorySide[] = [
  'stateTransitions',
  'groupByResource',
  'groupByResource + mergeMap',
  'resourceView',
];

/** The heap after GC at each checkpoint of one side. */
export interface MemoryMeasurement {
  readonly heap: number[];
  readonly live: number[];
  readonly viewSize: number;
}

/** The checkpoints of a run over `resources` resources: 10 %, 25 %, 50 %, 75 % and all events. */
export function memoryCheckpoints(resources: number): number[] {
  const total = resources * EVENTS_PER_RESOURCE;
  return [0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.round(total * f));
}

/**
 * One side of benchmark 3, in this process. The pipeline: the churn stream through
 * stateTransitions, groupByResource (each group subscribed, as it comes, by one observer) and
 * resourceView (the latest view held, as a UI holds its state). The baseline: a plain Map of the latest decoded event per
 * live resource.
 */
export function measureMemory(side: MemorySide, resources: number, progress: Progress): MemoryMeasurement {
  const stream = new ChurnStream(resources, Math.max(10, Math.round(resources / 100)));
  const checkpoints = memoryCheckpoints(resources);
  let viewSize = 0;
  if (side !== 'baseline') {
    const { heap, live } = measureHeap(
      stream,
      checkpoints,
      (events$) => {
        let view: ResourceView | undefined;
        const branches: ((shared$: Observable<CloudEvent>) => Observable<unknown>)[] = [];
        if (side === 'pipeline' || side === 'stateTransitions') branches.push((shared$) => shared$.pipe(stateTransitions()));
        if (side === 'pipeline' || side === 'groupByResource') {
          // Each group subscribed as it comes, by one observer shared by all groups.
          const perGroup = { next: () => undefined };
          branches.push((shared$) =>
            shared$.pipe(
              groupByResource(),
              tap((group) => group.subscribe(perGroup)),
            ),
          );
        }
        if (side === 'groupByResource + mergeMap') {
          branches.push((shared$) =>
            shared$.pipe(
              groupByResource(),
              mergeMap((group) => group.pipe(count())),
            ),
          );
        }
        if (side === 'pipeline' || side === 'resourceView') {
          branches.push((shared$) =>
            shared$.pipe(
              resourceView(),
              tap((v) => {
                view = v;
              }),
            ),
          );
        }
        const subscription = fanOut(events$, ...branches).subscribe();
        return () => {
          viewSize = view?.size ?? 0;
          subscription.unsubscribe();
        };
      },
      progress,
      side,
    );
    return { heap, live, viewSize };
  }
  const { heap, live } = measureHeap(
    stream,
    checkpoints,
    (events$) => {
      const latest = new Map<string, CloudEvent>();
      const subscription = events$.subscribe((event) => {
        const e = event as { resource_uri?: string; action?: string; state?: string };
        if (e.resource_uri === undefined) return;
        if (e.action === 'delete' || e.state === 'Terminated') latest.delete(e.resource_uri);
        else latest.set(e.resource_uri, event);
      });
      return () => {
        viewSize = latest.size;
        subscription.unsubscribe();
      };
    },
    progress,
    'baseline',
  );
  return { heap, live, viewSize };
}

/**
 * Benchmark 3: each side measured by `measure` (by default in this process; the bench runs
 * each in a fresh process, so that nothing of the other side or of another benchmark is on
 * the heap).
 */
export async function runMemoryBench(
  resources: number,
  settings: BenchSettings,
  progress: Progress,
  measure: (side: MemorySide, resources: number) => Promise<MemoryMeasurement> = (side, n) =>
    Promise.resolve(measureMemory(side, n, progress)),
): Promise<MemoryBenchResult> {
  const total = resources * EVENTS_PER_RESOURCE;
  const checkpoints = memoryCheckpoints(resources);
  const pipeline = await measure('pipeline', resources);
  const baseline = await measure('baseline', resources);
  const breakdown: { side: MemorySide; bytesPerLive: number[] }[] = [];
  for (const side of MEMORY_BREAKDOWN) {
    const alone = await measure(side, resources);
    breakdown.push({ side, bytesPerLive: alone.heap.map((h, i) => h / alone.live[i]!) });
  }
  progress.done('memory: done');

  const points = checkpoints.map((events, i): MemoryPoint => {
    const live = pipeline.live[i]!;
    return {
      events,
      live,
      pipelineHeap: pipeline.heap[i]!,
      pipelineBytesPerLive: pipeline.heap[i]! / live,
      baselineHeap: baseline.heap[i]!,
      baselineBytesPerLive: baseline.heap[i]! / live,
      ratio: pipeline.heap[i]! / baseline.heap[i]!,
    };
  });
  const perLive = points.map((p) => p.pipelineBytesPerLive);
  const worst = Math.max(...perLive);
  const spreadOfPerLive = worst / Math.min(...perLive);
  const targets: TargetResult[] = [
    {
      benchmark: '3. memory',
      target: '≤ 1 KB retained per live resource, flat in total events',
      measured: `${Math.round(worst)} B per live resource at worst; per-live figure varies ×${spreadOfPerLive.toFixed(2)} over ${points.length} points`,
      holds: settings.quick ? undefined : worst <= 1024 && spreadOfPerLive <= 1.25,
    },
  ];
  return { events: total, resources, points, viewSize: pipeline.viewSize, breakdown, targets };
}
