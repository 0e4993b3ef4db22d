// Records the events of the emulator once, into a temporary JSON-lines file, and reads them
// back as the raw frames a client receives: the same strings for every side of a benchmark.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../lib/emulator/index.js';
import type { Progress } from './harness.js';

/** What a recording gives the benchmarks. */
export interface RecordedFrames {
  /** One raw frame (a JSON text) per event, exactly as the emulator sends it. */
  readonly frames: string[];
  /** The URI of the world's node cluster: every container is under it. */
  readonly clusterUri: string;
  /** The seed of the world. */
  readonly seed: number;
}

/** The world of the recordings: a few stacks on one cluster, as the emulator's default. */
export const BENCH_WORLD = { stacks: 4, servicesPerStack: 3, containersPerService: 3, nodeClusters: 1, nodesPerCluster: 4 } as const;

const STEP = 10_000;

/**
 * Steps a paused emulator through `count` events while it records them to a temporary file,
 * then reads the file back. Each frame becomes a flat string of its own, as a frame off a
 * socket is.
 */
export async function recordFrames(count: number, progress?: Progress, seed = 7): Promise<RecordedFrames> {
  const dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-bench-'));
  const file = join(dir, 'events.jsonl');
  try {
    const emulator = await startEmulator({ seed, paused: true, world: BENCH_WORLD, pingInterval: 0 });
    const clusterUri = emulator.world.resources('nodecluster')[0]!.resource_uri;
    emulator.recording.start({ file });
    for (let done = 0; done < count; done += STEP) {
      emulator.step(Math.min(STEP, count - done));
      progress?.tick(`recording events: ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
    }
    await emulator.recording.stop();
    await emulator.stop();
    progress?.done(`recorded ${count.toLocaleString('en-US')} events`);
    return { frames: readFrames(file), clusterUri, seed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `event` of each line `{"t":…,"event":{…}}` of a recording, as its own flat string. */
export function readFrames(file: string): string[] {
  const buffer = readFileSync(file);
  const frames: string[] = [];
  const marker = Buffer.from(',"event":');
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    if (end > start) {
      const at = buffer.indexOf(marker, start);
      if (at < 0 || at > end) throw new Error(`not a recording line at byte ${start}`);
      // Without the trailing `}` of the line.
      frames.push(buffer.toString('utf8', at + marker.length, end - 1));
    }
    start = end + 1;
  }
  return frames;
}
