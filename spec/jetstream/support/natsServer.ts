// A real nats-server for the JetStream specs, never a mock: started on 127.0.0.1 on a free
// port with JetStream (`-js`) and a temporary store. It can be stopped and started again on
// the same port and store (the restart tests), and `stopAllNatsServers`, which every spec
// calls in `afterAll`, kills what is left and removes the stores.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The nats-server the tests run: NATS_SERVER_PATH, or Debian's (scripts/ensure-nats-server.sh). */
export function natsServerPath(): string {
  const path = process.env['NATS_SERVER_PATH'] ?? '/usr/sbin/nats-server';
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash scripts/ensure-nats-server.sh\` (npm test does)`);
  return path;
}

/** A nats-server the test controls. */
export interface NatsServer {
  readonly port: number;
  /** `nats://127.0.0.1:<port>`. */
  readonly url: string;
  /** The JetStream store directory (kept across restarts). */
  readonly store: string;
  /** Whether the process runs. */
  readonly running: () => boolean;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s); resolves once it exited. */
  readonly stop: () => Promise<void>;
  /** Kills the process at once (SIGKILL). */
  readonly kill: () => Promise<void>;
  /** Starts it again, same port and store; resolves once it accepts connections. */
  readonly start: () => Promise<void>;
}

const servers = new Set<{ server: NatsServer; remove: () => void }>();

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a nats-server with JetStream on a free port and a fresh store. */
export async function startNatsServer(): Promise<NatsServer> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'dockercloud-rx-nats-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const start = async (): Promise<void> => {
    if (child !== undefined) throw new Error('nats-server already runs');
    const process = spawn(natsServerPath(), ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process;
    log = '';
    // Kept for the error message only; a bounded tail.
    const keep = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-4000);
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    exited = new Promise((resolve) =>
      process.once('exit', () => {
        if (child === process) child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + 20_000;
    // The TCP port opens after JetStream has recovered its store: ready for the API.
    while (!(await accepts(port))) {
      if (child !== process) throw new Error(`nats-server exited at start:\n${log}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not open port ${port} in 20 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const signal = async (name: NodeJS.Signals): Promise<void> => {
    const process = child;
    if (process === undefined) return;
    const done = exited;
    process.kill(name);
    const force = setTimeout(() => process.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(force);
  };

  const server: NatsServer = {
    port,
    url: `nats://127.0.0.1:${port}`,
    store,
    running: () => child !== undefined,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
  };
  await start();
  servers.add({ server, remove: () => rmSync(store, { recursive: true, force: true }) });
  return server;
}

/** Kills every server started by this module and removes their stores. */
export async function stopAllNatsServers(): Promise<void> {
  const all = [...servers];
  servers.clear();
  for (const { server, remove } of all) {
    await server.kill();
    remove();
  }
}

/**
 * Subscribes to `events$` made with the given status callback, takes `count` events, and
 * resolves with them once the source reported `closed` (its connection is closed, its
 * acknowledgements flushed): what a test must wait for before it stops the server or resumes
 * a durable consumer.
 */
export async function takeUntilClosed<T, S extends { readonly kind: string }>(
  make: (status: (s: S) => void) => import('rxjs').Observable<T>,
  count: number,
): Promise<{ events: T[]; statuses: S[] }> {
  const { firstValueFrom, take, toArray } = await import('rxjs');
  const statuses: S[] = [];
  let closed!: () => void;
  const done = new Promise<void>((resolve) => (closed = resolve));
  const events = await firstValueFrom(
    make((status) => {
      statuses.push(status);
      if (status.kind === 'closed') closed();
    }).pipe(take(count), toArray()),
  );
  await done;
  return { events, statuses };
}
