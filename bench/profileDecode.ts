// A small driver for `node --cpu-prof`: the pipelines of targets 1 and 2 of benchmark 1, over
// the recorded frames, round after round
// (`FRAMES=file node --cpu-prof <bundle> [chain|groups|groups-direct|floor|floor-key|rxjs|parse] [rounds]`).
//
// Target 2's modes: `groups` (decodeEvent → groupByResource → mergeMap(count)), `rxjs` (its
// reference: JSON.parse → filter → groupBy → mergeMap(count)), and to take it apart:
// `groups-direct` (each group subscribed by one plain observer: our operator without the
// consumer's per-group RxJS chain), `floor` (decodeEvent → the least group operator keyed by
// the URI as it comes → mergeMap(count): what decoding and the consumer's chain cost alone)
// and `floor-key` (the same, with the group's key from `resourceKey`: what normalizing one URI
// a group adds).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { count, tap } from 'rxjs';
import { groupByResource } from '../lib/operators/groupByResource.js';
import { resourceKey } from '../lib/uri/resourceKey.js';
import { recordFrames } from './recordEvents.js';
import {
  consumerPipeline,
  decodedFrames,
  groupsPipeline,
  leastGroupsPipeline,
  parsedFrames,
  rxjsGroupsPipeline,
  type Rejections,
} from './pipelines.js';
import { withWrongShapes } from './decodeBench.js';

/** The observer of every group in `groups-direct`. */
const ignoreEvents = { next: (): void => undefined };

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'chain';
  const rounds = Number(process.argv[3] ?? 10);
  // The recording is saved once (`FRAMES=file`), so that the profile shows the pipelines alone.
  const saved = process.env.FRAMES;
  const recorded =
    saved !== undefined && existsSync(saved)
      ? (JSON.parse(readFileSync(saved, 'utf8')) as { frames: string[]; clusterUri: string })
      : await recordFrames(200_000);
  if (saved !== undefined && !existsSync(saved)) writeFileSync(saved, JSON.stringify(recorded));
  const { frames } = withWrongShapes(recorded.frames, 2);
  const started = process.hrtime.bigint();
  let opened = 0;
  for (let round = 0; round < rounds; round++) {
    const rejections: Rejections = { count: 0, last: undefined };
    const source = decodedFrames(frames.length, (i) => frames[i]!, rejections);
    const tally = { opened: 0 };
    if (which === 'chain') source.pipe(consumerPipeline('stateTransitions', recorded.clusterUri)).subscribe();
    else if (which === 'groups') source.pipe(groupsPipeline(tally)).subscribe();
    else if (which === 'groups-direct')
      source
        .pipe(
          groupByResource(),
          tap((group) => {
            tally.opened++;
            group.subscribe(ignoreEvents);
          }),
        )
        .subscribe();
    else if (which === 'floor') source.pipe(leastGroupsPipeline(tally, (uri) => uri)).subscribe();
    else if (which === 'floor-key') source.pipe(leastGroupsPipeline(tally, resourceKey)).subscribe();
    else if (which === 'parse')
      parsedFrames(frames.length, (i) => frames[i]!)
        .pipe(count())
        .subscribe();
    else
      parsedFrames(frames.length, (i) => frames[i]!)
        .pipe(rxjsGroupsPipeline(tally))
        .subscribe();
    opened = tally.opened;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${which}: ${((rounds * frames.length) / ms).toFixed(0)}k events/s, ${opened} groups a round\n`);
}

void main();
