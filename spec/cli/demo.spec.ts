// The pure formatting of the demo's lines, and the demo itself in this process.
import type { CliIo, CliStream } from '../../lib/cli/CliIo.js';
import { runDemo } from '../../lib/cli/commands/runDemo.js';
import { formatDemoTransition } from '../../lib/cli/demo/formatDemoTransition.js';
import { formatResync } from '../../lib/cli/demo/formatResync.js';
import { formatServiceEnded } from '../../lib/cli/demo/formatServiceEnded.js';
import { formatSettled } from '../../lib/cli/demo/formatSettled.js';
import { formatSummary } from '../../lib/cli/demo/formatSummary.js';
import { serviceColor } from '../../lib/cli/demo/serviceColor.js';
import { createPalette } from '../../lib/cli/Palette.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import type { StateTransition } from '../../lib/operators/stateTransitions.js';
import { containerEvent, serviceEvent, uri } from '../../lib/testing/index.js';

const palette = createPalette(false);
const SERVICE = uri('service', '4fece8bb-dc9c');
const datetime = '2016-02-01T16:00:03Z';

describe('demo lines', () => {
  it('prints a transition under its service', () => {
    const event = containerEvent('a999786d-1a02', 'Running', { datetime, parents: [SERVICE] });
    const transition = { resource_uri: event.resource_uri, type: 'container', from: 'Starting', to: 'Running', event } as StateTransition;
    expect(formatDemoTransition({ service: SERVICE, transition, resync: false }, { palette, utc: true })).toBe(
      '16:00:03  service 4fece8bb │ container a999786d  Starting → Running',
    );
    const own = serviceEvent('4fece8bb-dc9c', 'Scaling');
    const ownTransition = { resource_uri: own.resource_uri, type: 'service', from: 'Running', to: 'Scaling', event: own } as StateTransition;
    expect(formatDemoTransition({ service: SERVICE, transition: ownTransition, resync: true, datetime }, { palette, utc: true })).toBe(
      '16:00:03  service 4fece8bb │ service             Running → Scaling  (resync)',
    );
  });

  it('gives each service one colour, never a colour of states', () => {
    const colours = createPalette(true);
    const paint = serviceColor(SERVICE, colours);
    expect(paint('x')).toBe(serviceColor(SERVICE, colours)('x'));
    for (let i = 0; i < 50; i++) expect(serviceColor(uri('service', `s${i}`), colours)('x')).not.toMatch(/\x1b\[3[123]m/);
  });

  it('tells the life of a service that ended, eliding the oldest states', () => {
    expect(formatServiceEnded(SERVICE, ['Running', 'Terminating', 'Terminated'], palette)).toBe(
      '          service 4fece8bb ended after 2 transitions: Running → Terminating → Terminated',
    );
    const long = ['Not running', 'Starting', 'Running', 'Stopping', 'Stopped', 'Starting', 'Running', 'Terminating', 'Terminated'];
    expect(formatServiceEnded(SERVICE, long, palette)).toContain('ended after 8 transitions: … → Stopping → Stopped → Starting → Running → Terminating → Terminated');
  });

  it('counts the settled services by state', () => {
    const view = new Map<string, ResourceEvent>([
      ['a', serviceEvent('a', 'Running')],
      ['b', serviceEvent('b', 'Stopped')],
      ['c', serviceEvent('c', 'Running')],
    ]);
    expect(formatSettled(view, palette)).toBe('          ✓ all 3 services settled: 2 Running, 1 Stopped');
    expect(formatSettled(new Map(), palette)).toBe('          ✓ all 0 services settled');
  });

  it('reports a listing and a resync', () => {
    expect(formatResync({ reconnected: false, services: 6, containers: 12, changed: 18 }, palette)).toBe(
      '          ⟳ listed over REST: 6 services, 12 containers (list, then watch)',
    );
    expect(formatResync({ reconnected: true, services: 6, containers: 12, changed: 2 }, palette)).toBe(
      '          ⟳ resync over REST: 6 services, 12 containers; 2 changed while disconnected',
    );
  });

  it('sums up in aligned rows', () => {
    const lines = formatSummary(
      { elapsed: 20_049, events: 198, transitions: 121, resyncTransitions: 3, reconnects: 2, rejected: 1, settled: 2, servicesLive: 6, servicesEnded: 1 },
      palette,
    );
    expect(lines).toEqual([
      'summary after 20.0 s',
      '  events        198',
      '  transitions   121 (3 found by resync)',
      '  reconnects    2',
      '  rejected      1 frame',
      '  settled       2 times',
      '  services      6 live, 1 ended',
    ]);
  });
});

/** One transcript of stdout and stderr, in the order they were written, as a terminal shows them. */
function transcriptIo(): CliIo & { readonly transcript: string[] } {
  const transcript: string[] = [];
  const stream = (name: string): CliStream => ({
    isTTY: false,
    write(text: string) {
      for (const line of text.split('\n')) if (line !== '') transcript.push(`${name} ${line}`);
      return true;
    },
    on: () => undefined,
    off: () => undefined,
  });
  return { env: { CI: 'true' }, stdout: stream('out'), stderr: stream('err'), signals: { on: () => undefined, off: () => undefined }, platform: 'linux', transcript };
}

describe('the demo never prints a settled line from a stale view', () => {
  jest.setTimeout(40_000);

  it('prints no settled line between a lost connection and the resync that follows it', async () => {
    const io = transcriptIo();
    // Frequent drops, and a rate at which the services do settle between them.
    const code = await runDemo({ duration: 9000, dropEvery: 1200, badFrameEvery: 0, rate: 5, seed: 2, color: false }, io);
    expect(code).toBe(0);
    const lines = io.transcript;
    // Not vacuous: the connection was lost several times.
    expect(lines.filter((line) => line.includes('✗ connection lost')).length).toBeGreaterThanOrEqual(2);
    let down = false;
    let printed = 0;
    const offending: string[] = [];
    for (const line of lines) {
      if (line.includes('✗ connection lost')) down = true;
      else if (line.includes('⟳ resync over REST')) down = false;
      else if (line.includes('services settled')) {
        printed++;
        if (down) offending.push(line);
      }
    }
    expect({ offending, transcript: offending.length === 0 ? [] : lines }).toEqual({ offending: [], transcript: [] });
    // The summary counts the lines printed.
    expect(lines).toContain(`out   settled       ${printed} ${printed === 1 ? 'time' : 'times'}`);
  });
});
