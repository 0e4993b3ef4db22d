// A small driver for `node --cpu-prof`: the two pipelines of targets 1 and 2 of benchmark 1,
// over the recorded frames, round after round (`FRAMES=file node --cpu-prof <bundle> [chain|groups|rxjs|parse] [rounds]`).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { count } from 'rxjs';
import { recordFrames } from './recordEvents.js';
import { consumerPipeline, decodedFrames, groupsPipeline, parsedFrames, rxjsGroupsPipeline, type Rejections } from './pipelines.js';
import { withWrongShapes } from './decodeBench.js';

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
  for (let round = 0; round < rounds; round++) {
    const rejections: Rejections = { count: 0, last: undefined };
    const source = decodedFrames(frames.length, (i) => frames[i]!, rejections);
    const tally = { opened: 0 };
    if (which === 'chain') source.pipe(consumerPipeline('stateTransitions', recorded.clusterUri)).subscribe();
    else if (which === 'groups') source.pipe(groupsPipeline(tally)).subscribe();
    else if (which === 'parse')
      parsedFrames(frames.length, (i) => frames[i]!)
        .pipe(count())
        .subscribe();
    else
      parsedFrames(frames.length, (i) => frames[i]!)
        .pipe(rxjsGroupsPipeline(tally))
        .subscribe();
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${which}: ${((rounds * frames.length) / ms).toFixed(0)}k events/s\n`);
}

void main();
