// Benchmark 1: decoding and operators against a bare JSON.parse loop over the same frames.

import * as t from 'io-ts';
import type { OperatorFunction } from 'rxjs';
import type { CloudEvent } from '../lib/model/CloudEvent.js';
import { decodeEvent } from '../lib/model/decodeEvent.js';
import { EventAction } from '../lib/model/EventAction.js';
import { ResourceType } from '../lib/model/ResourceType.js';
import { collectGarbage, median, now, type BenchSettings, type Progress, type TargetResult } from './harness.js';
import {
  consumerPipeline,
  decodedFrames,
  groupsPipeline,
  leastGroupsPipeline,
  parsedFrames,
  rxjsGroupsPipeline,
  type GroupTally,
  type PipelineStage,
  type Rejections,
} from './pipelines.js';
import { runRejectionBench, type RejectionBenchResult } from './rejectionBench.js';

/**
 * Frames of the wrong shape, each valid JSON (so that the `JSON.parse` baseline reads them
 * too), with the path `decodeEvent` must name when it rejects them.
 */
export const WRONG_SHAPES: readonly { readonly frame: string; readonly path: string }[] = [
  { frame: '{"type":"container","action":"explode","parents":[],"resource_uri":"/api/app/v1/x/container/1/"}', path: 'action' },
  { frame: '{"type":"container","action":"update","parents":"none","resource_uri":"/api/app/v1/x/container/1/"}', path: 'parents' },
  {
    frame: '{"type":"service","action":"update","parents":["/api/app/v1/x/stack/1/",42],"resource_uri":"/api/app/v1/x/service/1/"}',
    path: 'parents.1',
  },
  { frame: '{"type":"node","action":"update","parents":[],"resource_uri":42}', path: 'resource_uri' },
  { frame: '{"type":"stack","action":"create","parents":[],"resource_uri":""}', path: 'resource_uri' },
  {
    frame: '{"type":"container","action":"update","parents":[],"resource_uri":"/api/app/v1/x/container/1/","state":7}',
    path: 'state',
  },
  {
    // Shaped like a real Docker Cloud event in every respect but the uuid.
    frame:
      '{"type":"container","action":"update","parents":["/api/app/v1/emulator/service/4fece8bb-dc9c-420a-ab47-3c0b62364eb9/"],' +
      '"resource_uri":"/api/app/v1/emulator/container/a999786d-1a02-488d-aa73-76c6e8e9ff27/","state":"Running","uuid":5,' +
      '"datetime":"2016-02-01T16:00:01Z"}',
    path: 'uuid',
  },
  {
    frame:
      '{"type":"container","action":"update","parents":["/api/app/v1/emulator/service/4fece8bb-dc9c-420a-ab47-3c0b62364eb9/"],' +
      '"resource_uri":"/api/app/v1/emulator/container/a999786d-1a02-488d-aa73-76c6e8e9ff27/","state":"Running",' +
      '"uuid":"9b873298-a381-4eb2-9831-e8705e15e9e3","date":3}',
    path: 'date',
  },
  { frame: '{"type":"error","data":{}}', path: 'data.errorMessage' },
  { frame: '[{"type":"container"}]', path: '' },
  { frame: '{"action":"update","parents":[],"resource_uri":"/api/v1/container/1/"}', path: 'type' },
];

/**
 * Checks that `decode` (`decodeEvent`) still rejects every frame of {@link WRONG_SHAPES},
 * naming the right path, as a string and as parsed JSON. Throws on the first that passes.
 */
export function checkValidation(decode: typeof decodeEvent = decodeEvent): number {
  for (const { frame, path } of WRONG_SHAPES) {
    for (const input of [frame, JSON.parse(frame) as unknown]) {
      const result = decode(input);
      if (result._tag === 'Right') throw new Error(`validation weakened: decodeEvent accepted ${frame}`);
      if (result.left.kind !== 'schema' || result.left.path !== path) {
        throw new Error(`validation changed: ${frame} rejected at "${result.left.path}" (${result.left.kind}), expected "${path}"`);
      }
    }
  }
  return WRONG_SHAPES.length;
}

/** `frames` with the wrong-shape frames spread evenly through it, each `copies` times. */
export function withWrongShapes(frames: readonly string[], copies: number): { frames: string[]; wrong: number } {
  const bad = WRONG_SHAPES.map((w) => w.frame);
  const total = bad.length * copies;
  const every = Math.max(1, Math.floor(frames.length / (total + 1)));
  const out: string[] = [];
  let inserted = 0;
  for (let i = 0; i < frames.length; i++) {
    if (i > 0 && i % every === 0 && inserted < total) out.push(bad[inserted++ % bad.length]!);
    out.push(frames[i]!);
  }
  while (inserted < total) out.push(bad[inserted++ % bad.length]!);
  return { frames: out, wrong: total };
}

/** A plain io-ts codec of a resource event: the reference of "JSON.parse, then io-ts". */
const PlainResourceEvent = t.intersection([
  t.type({
    type: ResourceType,
    action: EventAction,
    parents: t.array(t.string),
    resource_uri: t.string,
  }),
  t.partial({ state: t.string, uuid: t.string, datetime: t.string }),
]);

/** What a row's pass produced: the same on every pass. */
interface RowCheck {
  readonly outputs: number;
  readonly rejected: number;
  /** Groups opened, for the rows of target 2. */
  readonly groups?: number;
}

/** The row of target 2 with the library: decodeEvent → groupByResource → mergeMap(count). */
export const OUR_GROUPS = 'groupByResource → mergeMap(count)';
/** The row of target 2 in RxJS alone: JSON.parse → filter → groupBy(uri, duration) → mergeMap(count). */
export const RXJS_GROUPS = 'RxJS groupBy → mergeMap(count)';
/** Target 1: the linear chain keeps at least this much of `JSON.parse`'s throughput. */
const LINEAR_TARGET = 0.8;
/** Target 2: the group row of the library is at least this many times as fast as RxJS's. */
const GROUPS_TARGET = 1.3;
/** The row of target 1: the linear chain. */
export const LINEAR_CHAIN = '… → stateTransitions';
/** The floor of target 1: decodeEvent, then the chain's three hops in RxJS with no work in them. */
export const CHAIN_FLOOR = 'decodeEvent → three RxJS hops, no work';
/** The floor of target 2: decodeEvent, then the least group operator, keyed by the URI as it comes. */
export const GROUPS_FLOOR = 'decodeEvent → least group operator → mergeMap(count)';

/** One row of the table: a way of consuming every frame. */
interface Row {
  readonly name: string;
  readonly note: string;
  /** Consumes every frame; returns a checksum (outputs, rejections, groups opened) that must not vary. */
  readonly run: (frames: readonly string[]) => RowCheck;
  readonly stage?: PipelineStage;
}

function pipelineRow(name: string, note: string, stage: PipelineStage, clusterUri: string): Row {
  const pipeline = consumerPipeline(stage, clusterUri);
  return {
    name,
    note,
    stage,
    run(frames) {
      const rejections: Rejections = { count: 0, last: undefined };
      let outputs = 0;
      decodedFrames(frames.length, (i) => frames[i]!, rejections)
        .pipe(pipeline)
        .subscribe(() => {
          outputs++;
        });
      return { outputs, rejected: rejections.count };
    },
  };
}

/** A row of decoded events through a group pipeline, counting the groups it opens. */
function groupRow(name: string, note: string, pipeline: (tally: GroupTally) => OperatorFunction<CloudEvent, number>): Row {
  return {
    name,
    note,
    run(frames) {
      const rejections: Rejections = { count: 0, last: undefined };
      const tally: GroupTally = { opened: 0 };
      let outputs = 0;
      decodedFrames(frames.length, (i) => frames[i]!, rejections)
        .pipe(pipeline(tally))
        .subscribe(() => {
          outputs++;
        });
      return { outputs, rejected: rejections.count, groups: tally.opened };
    },
  };
}

/** The pass of {@link RXJS_GROUPS}: nothing is rejected, since nothing is validated. */
function rxjsGroupsRun(frames: readonly string[]): RowCheck {
  const tally: GroupTally = { opened: 0 };
  let outputs = 0;
  parsedFrames(frames.length, (i) => frames[i]!)
    .pipe(rxjsGroupsPipeline(tally))
    .subscribe(() => {
      outputs++;
    });
  return { outputs, rejected: 0, groups: tally.opened };
}

function rows(clusterUri: string): Row[] {
  return [
    {
      name: 'JSON.parse',
      note: 'baseline: a bare loop',
      run(frames) {
        let outputs = 0;
        for (let i = 0; i < frames.length; i++) {
          const value = JSON.parse(frames[i]!) as { type?: unknown };
          if (value.type !== undefined) outputs++;
        }
        return { outputs, rejected: frames.length - outputs };
      },
    },
    {
      name: 'JSON.parse + io-ts decode',
      note: 'reference: a plain io-ts codec (t.type, t.partial)',
      run(frames) {
        let outputs = 0;
        let rejected = 0;
        for (let i = 0; i < frames.length; i++) {
          const result = PlainResourceEvent.decode(JSON.parse(frames[i]!));
          if (result._tag === 'Right') outputs++;
          else rejected++;
        }
        return { outputs, rejected };
      },
    },
    {
      name: 'decodeEvent',
      note: 'a bare loop',
      run(frames) {
        let outputs = 0;
        let rejected = 0;
        for (let i = 0; i < frames.length; i++) {
          if (decodeEvent(frames[i]!)._tag === 'Right') outputs++;
          else rejected++;
        }
        return { outputs, rejected };
      },
    },
    pipelineRow('decodeEvent → Observable', 'frames decoded in an Observable, as streamEvents does', 'decode', clusterUri),
    pipelineRow('… → ofType', "ofType('container')", 'ofType', clusterUri),
    pipelineRow('… → underParent', 'underParent(cluster): every container passes', 'underParent', clusterUri),
    pipelineRow(LINEAR_CHAIN, 'stateTransitions()', 'stateTransitions', clusterUri),
    pipelineRow(
      CHAIN_FLOOR,
      "decodeEvent → filter(container) → filter → map in RxJS's own operators: the linear chain's plumbing, with no work in it",
      'chain plumbing',
      clusterUri,
    ),
    groupRow(OUR_GROUPS, 'decodeEvent → groupByResource() → mergeMap(group ⇒ group.pipe(count())), one chain', groupsPipeline),
    groupRow(
      GROUPS_FLOOR,
      'decodeEvent → a group per URI as the event carries it (one Map, one subscriber a group, ended at end of life) → mergeMap(count): no key normalised, no idle, no bookkeeping',
      (tally) => leastGroupsPipeline(tally, (uri) => uri),
    ),
    {
      name: RXJS_GROUPS,
      note: "the same shape in RxJS's own operators, validating nothing: JSON.parse → filter (resource events) → groupBy(resource_uri, ended by end of life) → mergeMap(count)",
      run: rxjsGroupsRun,
    },
    pipelineRow(
      'RxJS alone, same shape',
      "share(); filter → filter → map, and a branch that drops everything: the full pipeline's plumbing, with no work in it",
      'plumbing',
      clusterUri,
    ),
    pipelineRow(
      'RxJS alone, same shape, with groups',
      "as above, but the second branch is RxJS's groupBy (per resource URI, ended by end of life) → mergeMap(count)",
      'plumbing+groups',
      clusterUri,
    ),
    pipelineRow(
      'full pipeline',
      'share(); ofType → underParent → stateTransitions, and groupByResource → mergeMap(count)',
      'full',
      clusterUri,
    ),
    pipelineRow(
      'full pipeline, groups subscribed directly',
      'as above, each group subscribed by one observer as it comes (tap(group => group.subscribe(observer))), without mergeMap',
      'full, groups subscribed',
      clusterUri,
    ),
  ];
}

/** The result of one row. */
export interface DecodeRowResult {
  readonly name: string;
  readonly note: string;
  /** Median events per second. */
  readonly rate: number;
  /** Median time of one pass, ms. */
  readonly ms: number;
  /** Against `JSON.parse` in the same run (the median of the per-round ratios). */
  readonly ratio: number;
  readonly outputs: number;
  readonly rejected: number;
  /** Groups opened (the rows of target 2). */
  readonly groups?: number;
  readonly samples: readonly number[];
}

/** What benchmark 1 reports. */
export interface DecodeBenchResult {
  readonly events: number;
  readonly wrongShapes: number;
  readonly averageFrameLength: number;
  readonly rows: readonly DecodeRowResult[];
  /** Target 2: events/s of {@link OUR_GROUPS} over those of {@link RXJS_GROUPS}, the median of the per-round ratios. */
  readonly groupRatio?: number;
  /** What a rejected frame costs the stream (left out when `--rows` names none of it). */
  readonly rejection?: RejectionBenchResult;
  readonly targets: readonly TargetResult[];
}

/**
 * Benchmark 1. Every row consumes the same frames (the recording, with the wrong-shape frames
 * spread through it) `settings.runs` times, the rows taking turns so that a disturbance hits
 * them all alike; each figure is the median of its runs, and each ratio the median of the
 * per-round ratios against `JSON.parse`. Then the rows of what a rejected frame costs the
 * stream (see `runRejectionBench`), unless `only` leaves them out (name `rejections`).
 */
export function runDecodeBench(
  recorded: readonly string[],
  clusterUri: string,
  settings: BenchSettings,
  progress: Progress,
  only?: readonly string[],
): DecodeBenchResult {
  checkValidation();
  const copies = Math.max(1, Math.round(recorded.length / 100_000));
  const { frames, wrong } = withWrongShapes(recorded, copies);
  const all = rows(clusterUri).filter((row) => only === undefined || row.name === 'JSON.parse' || only.includes(row.name));
  const averageFrameLength = frames.reduce((sum, f) => sum + f.length, 0) / frames.length;

  // Warm-up: every row over a slice of the frames, so that each runs optimised code.
  const warm = frames.slice(0, Math.min(frames.length, 100_000));
  for (const row of all) row.run(warm);

  const times = new Map<string, number[]>(all.map((row) => [row.name, []]));
  const ratios = new Map<string, number[]>(all.map((row) => [row.name, []]));
  const checks = new Map<string, RowCheck>();
  // Target 2 is the per-round ratio of the two group rows, taken side by side like the others.
  const groupRatios: number[] = [];
  for (let round = 0; round < settings.runs; round++) {
    const roundTimes = new Map<string, number>();
    for (const row of all) {
      progress.tick(`decode: round ${round + 1}/${settings.runs}, ${row.name}`);
      collectGarbage();
      const start = now();
      const check = row.run(frames);
      const ms = now() - start;
      const previous = checks.get(row.name);
      if (
        previous !== undefined &&
        (previous.outputs !== check.outputs || previous.rejected !== check.rejected || previous.groups !== check.groups)
      ) {
        throw new Error(`${row.name}: results differ between runs`);
      }
      checks.set(row.name, check);
      times.get(row.name)!.push(ms);
      roundTimes.set(row.name, ms);
    }
    const baseline = roundTimes.get('JSON.parse')!;
    for (const row of all) ratios.get(row.name)!.push(baseline / roundTimes.get(row.name)!);
    const ours = roundTimes.get(OUR_GROUPS);
    const theirs = roundTimes.get(RXJS_GROUPS);
    if (ours !== undefined && theirs !== undefined) groupRatios.push(theirs / ours);
  }
  progress.done('decode: done');

  // Every row that validates rejects exactly the wrong-shape frames, no more, no less.
  for (const row of all) {
    const check = checks.get(row.name)!;
    if (row.name !== 'JSON.parse' && row.name !== 'JSON.parse + io-ts decode' && row.name !== RXJS_GROUPS && check.rejected !== wrong) {
      throw new Error(`${row.name} rejected ${check.rejected} frames, expected the ${wrong} of the wrong shape`);
    }
  }

  // Both group rows open the same groups: the RxJS row opens, besides, the groups of the
  // wrong-shape frames it does not reject (their URIs are none of the recording's, and no
  // end of life closes them), counted by running it over those frames alone.
  const ourGroups = checks.get(OUR_GROUPS)?.groups;
  const theirGroups = checks.get(RXJS_GROUPS)?.groups;
  const unrejected = rxjsGroupsRun(WRONG_SHAPES.map((w) => w.frame)).groups!;
  if (ourGroups !== undefined && theirGroups !== undefined) {
    if (theirGroups !== ourGroups + unrejected) {
      throw new Error(
        `the group rows opened different groups: ${ourGroups} with groupByResource, ${theirGroups} with groupBy ` +
          `(${unrejected} of them for unvalidated wrong shapes)`,
      );
    }
  }

  const results = all.map((row): DecodeRowResult => {
    const ms = median(times.get(row.name)!);
    const check = checks.get(row.name)!;
    return {
      name: row.name,
      note: row.note,
      rate: (frames.length / ms) * 1000,
      ms,
      ratio: median(ratios.get(row.name)!),
      outputs: check.outputs,
      rejected: check.rejected,
      ...(check.groups === undefined ? {} : { groups: check.groups }),
      samples: times.get(row.name)!,
    };
  });
  const chain = results.find((r) => r.name === LINEAR_CHAIN);
  const groupRatio = median(groupRatios);
  const targets: TargetResult[] = [
    ...(chain === undefined
      ? []
      : [
          {
            benchmark: '1. decoding and operators',
            target: `linear chain (decodeEvent → ofType → underParent → stateTransitions) ≥ ${LINEAR_TARGET.toFixed(2)} of JSON.parse, wrong shapes still rejected`,
            measured: `${chain.ratio.toFixed(2)} of JSON.parse; ${chain.rejected}/${wrong} wrong shapes rejected`,
            holds: settings.quick ? undefined : chain.ratio >= LINEAR_TARGET && chain.rejected === wrong,
          },
        ]),
    ...(ourGroups === undefined || theirGroups === undefined
      ? []
      : [
          {
            benchmark: '1. decoding and operators',
            target: `groups: groupByResource → mergeMap(count) ≥ ${GROUPS_TARGET.toFixed(1)}× RxJS's groupBy validating nothing, same groups`,
            measured:
              `${groupRatio.toFixed(2)}×; ${ourGroups.toLocaleString('en-US')} groups opened by each ` +
              `(and by groupBy, ${unrejected} more for the wrong shapes it does not reject)`,
            holds: settings.quick ? undefined : groupRatio >= GROUPS_TARGET,
          },
        ]),
  ];
  const rejection = only === undefined || only.includes('rejections') ? runRejectionBench(recorded, settings, progress) : undefined;
  return {
    events: frames.length,
    wrongShapes: wrong,
    averageFrameLength,
    rows: results,
    ...(groupRatios.length === 0 ? {} : { groupRatio }),
    ...(rejection === undefined ? {} : { rejection }),
    targets: [...targets, ...(rejection?.targets ?? [])],
  };
}
