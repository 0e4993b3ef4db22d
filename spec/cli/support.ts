// Helpers for the command-line specs: the CLI runs as a real child process
// (`node dist/cjs/cli/main.js …`), against an emulator started in the test process.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import type { Emulator } from '../../lib/emulator/index.js';

export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'cjs', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Fails with a clear message when the build of the CLI is missing or older than its sources. */
export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error('dist/cjs/cli/main.js is missing: run `npm run build` first (`npm test` does)');
  if (newestSource(join(ROOT, 'lib', 'cli')) > statSync(MAIN).mtimeMs) {
    throw new Error('dist/cjs/cli is older than lib/cli: run `npm run build` first (`npm test` does)');
  }
}

/** The environment of a child: no colours, UTC, and nothing of this process's DOCKERCLOUD_* or CI. */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC', ...extra };
}

/** The environment that points a child at an emulator, with its credentials. */
export function emulatorEnv(emulator: Emulator, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const { user, apiKey } = emulator.credentials;
  return childEnv({ DOCKERCLOUD_STREAM_HOST: emulator.url, DOCKERCLOUD_USER: user, DOCKERCLOUD_APIKEY: apiKey, ...extra });
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `dockercloud-rx`, with everything it wrote so far. */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      });
    });
  }

  /** The complete lines of stdout. */
  get lines(): string[] {
    const lines = this.stdout.split('\n');
    lines.pop();
    return lines;
  }

  /** Resolves once `predicate` holds; rejects after `timeout` ms or if the process exits first. */
  until(predicate: () => boolean, what: string, timeout = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate()) {
          done();
          resolve();
        } else if (this.exit !== undefined) {
          done();
          reject(
            new Error(`the CLI exited (${JSON.stringify(this.exit)}) before ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeout);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Resolves with the exit, or rejects after `timeout` ms. */
  async finished(timeout = 8000): Promise<Exit> {
    await this.until(() => this.exit !== undefined, 'the exit', timeout);
    return this.exit!;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.exit === undefined) this.child.kill(signal);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Starts and keeps track of CLI processes, so that `afterEach` can kill what is left. */
export class CliRunner {
  private readonly running = new Set<CliProcess>();

  run(args: readonly string[], env: NodeJS.ProcessEnv = childEnv()): CliProcess {
    const cli = new CliProcess(spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    this.running.add(cli);
    void cli.exited.then(() => this.running.delete(cli));
    return cli;
  }

  async killAll(): Promise<void> {
    const left = [...this.running];
    for (const cli of left) cli.kill();
    await Promise.all(left.map((cli) => cli.exited));
  }
}

/**
 * A transparent websocket proxy in front of the emulator, which records how each client closed
 * its connection: the emulator does not expose the close codes it receives.
 */
export class ClosingProxy {
  readonly closes: number[] = [];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly waiters = new Set<() => void>();

  private constructor(target: Emulator) {
    this.server = createServer((_, response) => response.writeHead(404).end());
    this.server.on('upgrade', (request, socket, head) => {
      const upstream = new WebSocket(`${target.url}${request.url ?? '/'}`, {
        headers: request.headers.authorization === undefined ? {} : { Authorization: request.headers.authorization },
      });
      upstream.on('error', () => socket.destroy());
      upstream.once('open', () => {
        this.wss.handleUpgrade(request, socket, head, (client) => {
          upstream.on('message', (data, binary) => client.send(data, { binary }));
          upstream.on('close', () => client.terminate());
          client.on('error', () => undefined);
          client.on('close', (code) => {
            this.closes.push(code);
            upstream.close();
            for (const waiter of [...this.waiters]) waiter();
          });
        });
      });
    });
  }

  static async start(target: Emulator): Promise<ClosingProxy> {
    const proxy = new ClosingProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves with the close code of the first connection that closes. */
  firstClose(timeout = 5000): Promise<number> {
    if (this.closes.length > 0) return Promise.resolve(this.closes[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no connection closed')), timeout);
      this.waiters.add(() => {
        clearTimeout(timer);
        resolve(this.closes[0]!);
      });
    });
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Lines of an `emulate` stdout turned into environment variables, as a shell would. */
export function parseExports(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line);
    if (match === null) continue;
    const raw = match[2]!;
    env[match[1]!] = raw.startsWith("'") ? raw.slice(1, -1).replace(/'\\''/g, "'") : raw;
  }
  return env;
}
