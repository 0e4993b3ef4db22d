// `dockercloud-rx demo` (what `npm start` runs) as a real child process.
import { startEmulator } from '../../lib/emulator/index.js';
import { assertBuilt, childEnv, CliRunner } from './support.js';

jest.setTimeout(20_000);

function summaryValue(stdout: string, name: string): number {
  const match = new RegExp(`^  ${name}\\s+(\\d+)`, 'm').exec(stdout);
  if (match === null) throw new Error(`no "${name}" in the summary:\n${stdout}`);
  return Number(match[1]);
}

describe('dockercloud-rx demo (a child process)', () => {
  const cli = new CliRunner();

  beforeAll(assertBuilt);
  afterEach(() => cli.killAll());

  it('runs for --duration: transitions grouped by service, the reconnection and resync the drops cause, a summary whose view matches the emulator, exit 0', async () => {
    const run = cli.run(['demo', '--duration', '3', '--drop-every', '1', '--bad-frame-every', '5', '--rate', '40']);
    expect(await run.finished(10_000)).toEqual({ code: 0, signal: null });
    expect(run.stdout).toContain('stopping after 3 s');
    expect(run.stdout).toMatch(/listed over REST: \d+ services and containers \(list, then watch\)/);
    // Grouped under the services' names, as the emulator's REST API gives them (the same seed, the same world).
    const world = await startEmulator({ seed: 1, paused: true });
    const names = world.world.resources('service').map((service) => String(service['name']));
    await world.stop();
    expect(names.length).toBeGreaterThan(0);
    const shown = [...run.stdout.matchAll(/^\d\d:\d\d:\d\d {2}service (\S+)\s+│ (?:service|container \S+)\s+/gm)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((name) => names.includes(name!)).length).toBeGreaterThan(shown.length / 2);
    expect(run.stdout).toMatch(/resync over REST: \d+ services and containers; \d+ changed while disconnected/);
    expect(run.stdout).toMatch(/summary after 3\.\d s/);
    expect(summaryValue(run.stdout, 'events')).toBeGreaterThan(20);
    expect(summaryValue(run.stdout, 'transitions')).toBeGreaterThan(0);
    expect(summaryValue(run.stdout, 'reconnects')).toBeGreaterThanOrEqual(1);
    expect(summaryValue(run.stdout, 'rejected')).toBeGreaterThanOrEqual(1);
    // What the drops lost, the resyncs of watchResources repaired.
    expect(run.stdout).toMatch(/^ {2}reconnects\s+\d+ \([1-9]\d* resyncs? over REST\)$/m);
    expect(run.stdout).toMatch(/^ {2}view\s+matches the emulator: [1-9]\d* resources$/m);
    // Statuses go to stderr only.
    expect(run.stderr).toContain('● connected');
    expect(run.stderr).toContain('the emulator dropped the connection');
    expect(run.stderr).toMatch(/reconnecting in \d+\.\d s \(attempt 1\)/);
    expect(run.stderr).toContain('● reconnected');
    expect(run.stdout).not.toMatch(/● |reconnecting in/);
  });

  it('stops by itself after 20 s when CI is set, and on SIGINT with its summary and exit 0', async () => {
    const run = cli.run(['demo'], childEnv({ CI: 'true' }));
    await run.until(() => run.stdout.includes('stopping after 20 s'), 'the banner');
    await run.until(() => run.stderr.includes('● connected'), 'the connection');
    run.kill('SIGINT');
    expect(await run.finished()).toEqual({ code: 0, signal: null });
    expect(run.stdout).toMatch(/summary after \d+\.\d s/);
  });
});
