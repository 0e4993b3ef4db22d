// The parent's side of a benchmark's helper process (the emulator's, the sender's): fork it,
// ask it things over the IPC channel (each request answered by id), stop it.

import { fork, type ChildProcess } from 'node:child_process';

/** A forked process that answers `{ id, request }` messages with `{ id, ok, result | error }`. */
export class ForkedProcess<Request extends { readonly cmd: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly child: ChildProcess;

  /** Forks `script`; `name` says which process failed in errors. */
  constructor(
    script: string,
    private readonly name: string,
  ) {
    this.child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    this.child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (waiting === undefined) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`${this.name} process: ${message.error ?? 'failed'}`));
    });
    this.child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${this.name} process exited (${String(code)})`));
      this.pending.clear();
    });
  }

  /** Sends `request` and resolves with the answer. */
  request(request: Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request });
    });
  }

  /** Asks the process to `stop` and waits for it to exit (killed after 5 s). */
  async stop(stop: Request): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request(stop);
    } catch {
      // Already gone.
    }
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
