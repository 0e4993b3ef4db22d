// The parent's side of the sender process of benchmark 2: fork it, ask it things, stop it.

import { fork, type ChildProcess } from 'node:child_process';
import type { StreamServer } from './clients.js';

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
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  url = '';
  credentials!: StreamServer['credentials'];
  clusterUri = '';
  /** Distinct frames, and their bytes as sent (frame headers included). */
  frames = 0;
  bytes = 0;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (waiting === undefined) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`sender process: ${message.error ?? 'failed'}`));
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`sender process exited (${String(code)})`));
      this.pending.clear();
    });
  }

  /** Forks `script` (the built senderProcess) and has it record and encode its frames. */
  static async start(script: string, options: { frames: number; seed: number; burst: number }): Promise<SenderProcess> {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const sender = new SenderProcess(child);
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
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request });
    });
  }

  /** The frames written so far and the CPU time now. */
  async sample(): Promise<SenderSample> {
    return (await this.request({ cmd: 'stats' })) as SenderSample;
  }

  /** Closes every connection and the server, and waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request({ cmd: 'stop' });
    } catch {
      // Already gone.
    }
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
