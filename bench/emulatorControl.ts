// The parent's side of the emulator process: fork it, ask it things, stop it.

import { performance } from 'node:perf_hooks';
import { ForkedProcess } from './ForkedProcess.js';
import type { EmulatorCredentials } from '../lib/emulator/index.js';

/** What the parent can ask of the emulator process. */
export type EmulatorRequest =
  | { readonly cmd: 'start'; readonly options: Record<string, unknown> }
  | { readonly cmd: 'stats' }
  | { readonly cmd: 'clock' }
  | { readonly cmd: 'setRate'; readonly rate: number | 'max' }
  | { readonly cmd: 'pause' }
  | { readonly cmd: 'resume' }
  | { readonly cmd: 'recordStart' }
  | { readonly cmd: 'recordStop' }
  | { readonly cmd: 'dropAll'; readonly mode?: 'terminate' | 'close' }
  | { readonly cmd: 'refuseHandshakes'; readonly status: number }
  | { readonly cmd: 'clearFaults' }
  | { readonly cmd: 'stop' };

/** The emulator's counters and the process's CPU time, at one moment. */
export interface EmulatorSample {
  readonly stats: { readonly eventsEmitted: number; readonly connectionsAccepted: number; readonly connectionsOpen: number };
  readonly cpu: NodeJS.CpuUsage;
  /** The child's `performance.now()`, ms. */
  readonly at: number;
}

/** A running emulator process. */
export class EmulatorProcess {
  url = '';
  credentials!: EmulatorCredentials;
  clusterUri = '';

  private constructor(private readonly process: ForkedProcess<EmulatorRequest>) {}

  /** Forks `script` (the built emulatorProcess) and starts an emulator in it with `options`. */
  static async start(script: string, options: Record<string, unknown>): Promise<EmulatorProcess> {
    const emulator = new EmulatorProcess(new ForkedProcess<EmulatorRequest>(script, 'emulator'));
    const started = (await emulator.request({ cmd: 'start', options })) as {
      url: string;
      credentials: EmulatorCredentials;
      clusterUri: string;
    };
    emulator.url = started.url;
    emulator.credentials = started.credentials;
    emulator.clusterUri = started.clusterUri;
    return emulator;
  }

  /** Sends `request` and resolves with the answer. */
  request(request: EmulatorRequest): Promise<unknown> {
    return this.process.request(request);
  }

  /** The counters and CPU time now. */
  async sample(): Promise<EmulatorSample> {
    return (await this.request({ cmd: 'stats' })) as EmulatorSample;
  }

  /**
   * How far the child's shared clock (`performance.timeOrigin + performance.now()`) is ahead of
   * ours, in ms: from the round trip with the smallest delay of `rounds`, NTP style.
   */
  async clockOffset(rounds = 50): Promise<{ offset: number; roundTrip: number }> {
    let best = { offset: 0, roundTrip: Infinity };
    for (let i = 0; i < rounds; i++) {
      const sent = performance.timeOrigin + performance.now();
      const theirs = (await this.request({ cmd: 'clock' })) as number;
      const received = performance.timeOrigin + performance.now();
      const roundTrip = received - sent;
      if (roundTrip < best.roundTrip) best = { offset: theirs - (sent + received) / 2, roundTrip };
    }
    return best;
  }

  /** Stops the emulator and waits for the process to exit. */
  async stop(): Promise<void> {
    await this.process.stop({ cmd: 'stop' });
  }
}
