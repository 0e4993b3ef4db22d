// The emulator in a process of its own, driven over the IPC channel of child_process.fork:
// the server of benchmarks 4 and 5, so that it never shares an event loop with a client.

import { performance } from 'node:perf_hooks';
import { startEmulator, type Emulator } from '../lib/emulator/index.js';
import type { EmulatorRequest } from './emulatorControl.js';

let emulator: Emulator | undefined;
// The moment the current recording started, on the clock both processes share.
let recordingStartedAt = 0;

function running(): Emulator {
  if (emulator === undefined) throw new Error('the emulator is not started');
  return emulator;
}

async function handle(request: EmulatorRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'start': {
      emulator = await startEmulator(request.options);
      const cluster = emulator.world.resources('nodecluster')[0];
      return { url: emulator.url, credentials: emulator.credentials, clusterUri: cluster?.resource_uri ?? '' };
    }
    case 'stats':
      return { stats: running().stats(), cpu: process.cpuUsage(), at: performance.now() };
    case 'clock':
      return performance.timeOrigin + performance.now();
    case 'setRate':
      running().setRate(request.rate);
      return null;
    case 'pause':
      running().pause();
      return null;
    case 'resume':
      running().resume();
      return null;
    case 'recordStart': {
      // The recorder stamps each event with the time since its start, just before sending
      // it: the start, read on either side of the call, turns those into shared-clock times.
      const before = performance.now();
      running().recording.start();
      const after = performance.now();
      recordingStartedAt = performance.timeOrigin + (before + after) / 2;
      return null;
    }
    case 'recordStop': {
      const summary = await running().recording.stop();
      const uuids: string[] = [];
      const sentAt: number[] = [];
      for (const line of summary.events ?? []) {
        if (line.event.uuid === undefined) continue;
        uuids.push(line.event.uuid);
        sentAt.push(recordingStartedAt + line.t);
      }
      return { uuids, sentAt };
    }
    case 'dropAll':
      return running().faults.dropAll({ mode: request.mode ?? 'terminate' });
    case 'refuseHandshakes':
      running().faults.refuseHandshakes({ status: request.status });
      return null;
    case 'clearFaults':
      running().faults.clear();
      return null;
    case 'stop':
      await emulator?.stop();
      emulator = undefined;
      return null;
  }
}

process.on('message', (message: { id: number; request: EmulatorRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => {
  void emulator?.stop().finally(() => process.exit(0));
  if (emulator === undefined) process.exit(0);
});
