// The parent's side of the sender process of benchmark 2: fork it, ask it things, stop it.

import type { StreamServer } from './clients.js';
import { ForkedProcess } from './ForkedProcess.js';

/** What the parent can ask of the sender process. */
export type SenderRequest =
  | {
      readonly cmd: 'start';
      /** How many events of the seeded world to record (the frames are sent over and over). */
      readonly frames: number;
      readonly seed: number;
      /** Frames per burst: each burst is one `socket.write`. */
      readonly burst: number;
    }
  | { readonly cmd: 'stats' }
  | { readonly cmd: 'stop' };

/** The sender's count of frames written and its process's CPU time, at one moment. */
export interface SenderSample {
  readonly framesSent: number;
  readonly cpu: NodeJS.CpuUsage;
  /** The child's `performance.now()`, ms. */
  readonly at: number;
}

/** A running sender process: a server of the stream path that writes prebuilt frames. */
export class SenderProcess implements StreamServer {
  url = '';
  credentials!: StreamServer['credentials'];
  clusterUri = '';
  /** Distinct frames, and their bytes as sent (frame headers included). */
  frames = 0;
  bytes = 0;

  private constructor(private readonly process: ForkedProcess<SenderRequest>) {}

  /** Forks `script` (the built senderProcess) and has it record and encode its frames. */
  static async start(script: string, options: { frames: number; seed: number; burst: number }): Promise<SenderProcess> {
    const sender = new SenderProcess(new ForkedProcess<SenderRequest>(script, 'sender'));
    const started = (await sender.request({ cmd: 'start', ...options })) as {
      url: string;
      credentials: StreamServer['credentials'];
      clusterUri: string;
      frames: number;
      bytes: number;
    };
    Object.assign(sender, started);
    return sender;
  }

  private request(request: SenderRequest): Promise<unknown> {
    return this.process.request(request);
  }

  /** The frames written so far and the CPU time now. */
  async sample(): Promise<SenderSample> {
    return (await this.request({ cmd: 'stats' })) as SenderSample;
  }

  /** Closes every connection and the server, and waits for the process to exit. */
  async stop(): Promise<void> {
    await this.process.stop({ cmd: 'stop' });
  }
}
