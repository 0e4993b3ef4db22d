import type { Emulator } from './Emulator.js';
import type { EmulatorOptions } from './EmulatorOptions.js';
import { EmulatorServer, type EmulatorSource } from './EmulatorServer.js';
import { readRecording } from './readRecording.js';
import { ReplaySource } from './ReplaySource.js';
import { resolveEmulatorOptions } from './resolveEmulatorOptions.js';
import { World } from './World.js';

/**
 * Starts a local emulator of the Docker Cloud events stream and REST API: one HTTP server on
 * 127.0.0.1 (a free port by default) serving the stream paths of Docker Cloud
 * (`/api/audit/v1/[<namespace>/]events[/]`) and Tutum (`/v1/events`) and the REST listings
 * (`/api/app/v1/[<namespace>/]<kind>/`, `/api/infra/v1/[<namespace>/]<kind>/` for node clusters
 * and nodes, `/api/audit/v1/[<namespace>/]action/`), with the same
 * authentication, filters and errors as the real service. A seeded simulation of an account
 * (or a recording) feeds it; faults can be injected at will.
 *
 * @param options - see {@link EmulatorOptions}; every one has a default.
 * @returns the running emulator, once it listens.
 * @throws an `EmulatorError`: `options` for an invalid option, `listen` when the port is
 * taken, `replay` when the recording cannot be read.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { startEmulator } from 'dockercloud-rx/emulator';
 *
 * const emulator = await startEmulator({ seed: 7, rate: 50 });
 * const ws = new WebSocket(`${emulator.url}/api/audit/v1/events/?type=service`, {
 *   headers: { Authorization: emulator.credentials.authorization },
 * });
 * ws.on('message', (data) => console.log(JSON.parse(String(data))));
 * // later
 * await emulator.stop();
 * ```
 * @see {@link Emulator}
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveEmulatorOptions(options);
  let source: EmulatorSource;
  if (resolved.replayFile !== undefined) source = new ReplaySource(await readRecording(resolved.replayFile));
  else source = new World(resolved.world!);
  const emulator = new EmulatorServer(resolved, source);
  await emulator.listen();
  return emulator;
}
