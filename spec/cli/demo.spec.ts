// The pure formatting of the demo's lines, and the demo itself in this process.
import type { CliIo, CliStream } from '../../lib/cli/CliIo.js';
import { runDemo } from '../../lib/cli/commands/runDemo.js';
import { formatDemoTransition } from '../../lib/cli/demo/formatDemoTransition.js';
import { formatResync } from '../../lib/cli/demo/formatResync.js';
import { formatServiceEnded } from '../../lib/cli/demo/formatServiceEnded.js';
import { formatSettled } from '../../lib/cli/demo/formatSettled.js';
import { formatSummary } from '../../lib/cli/demo/formatSummary.js';
import { formatVanished } from '../../lib/cli/demo/formatVanished.js';
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
    const ownTransition = {
      resource_uri: own.resource_uri,
      type: 'service',
      from: 'Running',
      to: 'Scaling',
      event: own,
    } as StateTransition;
    expect(formatDemoTransition({ service: SERVICE, transition: ownTransition, resync: true, datetime }, { palette, utc: true })).toBe(
      '16:00:03  service 4fece8bb │ service             Running → Scaling  (resync)',
    );
  });

  it('names the service and the container when their names are known, ids otherwise, the │ aligned', () => {
    const event = containerEvent('a999786d-1a02', 'Running', { datetime, parents: [SERVICE] });
    const transition = { resource_uri: event.resource_uri, type: 'container', from: 'Starting', to: 'Running', event } as StateTransition;
    const names = new Map([
      [SERVICE, 'web'],
      [event.resource_uri, 'web-2'],
    ]);
    const label = (u: string): string | undefined => names.get(u);
    expect(formatDemoTransition({ service: SERVICE, transition, resync: false }, { palette, utc: true, label })).toBe(
      '16:00:03  service web      │ container web-2     Starting → Running',
    );
    names.delete(event.resource_uri);
    expect(formatDemoTransition({ service: SERVICE, transition, resync: false }, { palette, utc: true, label })).toBe(
      '16:00:03  service web      │ container a999786d  Starting → Running',
    );
    expect(formatServiceEnded(SERVICE, ['Running', 'Terminated'], palette, label)).toContain('service web ');
    expect(formatVanished(SERVICE, event, { palette, utc: true, datetime, label })).toContain('service web      │ container a999786d');
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
    expect(formatServiceEnded(SERVICE, long, palette)).toContain(
      'ended after 8 transitions: … → Stopping → Stopped → Starting → Running → Terminating → Terminated',
    );
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

  it('reports a listing and a resync, as the watch reports them', () => {
    expect(formatResync({ reconnected: false, resources: 18, synthetic: 18, buffered: 0 }, palette)).toBe(
      '          ⟳ listed over REST: 18 services and containers (list, then watch)',
    );
    expect(formatResync({ reconnected: true, resources: 18, synthetic: 2, buffered: 0 }, palette)).toBe(
      '          ⟳ resync over REST: 18 services and containers; 2 changed while disconnected',
    );
    expect(formatResync({ reconnected: true, resources: 17, synthetic: 0, buffered: 3 }, palette)).toBe(
      '          ⟳ resync over REST: 17 services and containers; 0 changed while disconnected, 3 events held while listing',
    );
  });

  it('shows a resource a resync found gone, with its last state seen', () => {
    const gone = containerEvent('a999786d-1a02', 'Running', { action: 'delete', parents: [SERVICE] });
    expect(formatVanished(SERVICE, gone, { palette, utc: true, datetime })).toBe(
      '16:00:03  service 4fece8bb │ container a999786d  gone, last seen Running  (resync)',
    );
    expect(formatVanished(SERVICE, serviceEvent('4fece8bb-dc9c', 'Stopped'), { palette, utc: true, datetime })).toBe(
      '16:00:03  service 4fece8bb │ service             gone, last seen Stopped  (resync)',
    );
  });

  it('sums up in aligned rows', () => {
    const summary = {
      elapsed: 20_049,
      events: 198,
      transitions: 121,
      resyncTransitions: 3,
      reconnects: 2,
      resyncs: 2,
      rejected: 1,
      settled: 2,
      servicesLive: 6,
      servicesEnded: 1,
    };
    const lines = formatSummary({ ...summary, check: { resources: 18, differing: 0 } }, palette);
    expect(lines).toEqual([
      'summary after 20.0 s',
      '  events        198',
      '  transitions   121 (3 found by resync)',
      '  reconnects    2 (2 resyncs over REST)',
      '  rejected      1 frame',
      '  settled       2 times',
      '  services      6 live, 1 ended',
      '  view          matches the emulator: 18 resources',
    ]);
    expect(formatSummary({ ...summary, resyncs: 0, check: { resources: 18, differing: 2 } }, palette).slice(3)).toEqual([
      '  reconnects    2',
      '  rejected      1 frame',
      '  settled       2 times',
      '  services      6 live, 1 ended',
      '  view          2 of 18 resources differ from the emulator',
    ]);
    expect(formatSummary(summary, palette)).toHaveLength(7);
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
  return {
    env: { CI: 'true' },
    stdout: stream('out'),
    stderr: stream('err'),
    signals: { on: () => undefined, off: () => undefined },
    platform: 'linux',
    transcript,
  };
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
    // The drops lost events; the watch's resyncs repaired its view: at the end, it is the emulator's world.
    expect(lines.filter((line) => /^out {3}view {10}/.test(line))).toEqual([
      expect.stringMatching(/^out {3}view {10}matches the emulator: [1-9]\d* resources$/),
    ]);
  });
});
