// `dockercloud-rx replay FILE` as a real child process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../lib/emulator/index.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import { serviceEvent, uri } from '../../lib/testing/index.js';
import { assertBuilt, CliRunner } from './support.js';

jest.setTimeout(15_000);

describe('dockercloud-rx replay (a child process)', () => {
  const cli = new CliRunner();
  let dir: string;
  let file: string;
  let recorded: readonly ResourceEvent[];

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-replay-'));
    file = join(dir, 'run.jsonl');
    const emulator = await startEmulator({ seed: 'replay', paused: true, record: { file } });
    recorded = emulator.step(60);
    await emulator.stop();
  });
  afterEach(() => cli.killAll());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a recording as `events` prints the stream, and exits 0 at its end', async () => {
    const run = cli.run(['replay', file, '--speed', 'max', '--utc']);
    expect(await run.finished()).toEqual({ code: 0, signal: null });
    expect(run.lines).toHaveLength(recorded.length);
    run.lines.forEach((line, i) => {
      const event = recorded[i]!;
      expect(line.slice(0, 8)).toBe(event.datetime!.slice(11, 19));
      expect(line.slice(10, 21).trimEnd()).toBe(event.type);
      expect(line.slice(23, 29).trimEnd()).toBe(event.action);
    });
    expect(run.stderr).toContain(`replaying ${recorded.length} events`);
  });

  it('prints JSON lines that decode to the recorded events', async () => {
    const run = cli.run(['replay', file, '--speed', 'max', '--json']);
    expect((await run.finished()).code).toBe(0);
    expect(run.lines.map((line) => decodeEvent(line)).every((r) => r._tag === 'Right')).toBe(true);
    expect(run.lines.map((line) => JSON.parse(line))).toEqual(recorded);
  });

  it('applies --type and --parent on the client, and stops at --count', async () => {
    const containers = recorded.filter((e) => e.type === 'container');
    const run = cli.run(['replay', file, '--speed', 'max', '--json', '--type', 'container']);
    expect((await run.finished()).code).toBe(0);
    expect(run.lines.map((line) => JSON.parse(line))).toEqual(containers);

    const service = containers[0]!.parents[0]!;
    const under = cli.run(['replay', file, '--speed', 'max', '--json', '--parent', service]);
    expect((await under.finished()).code).toBe(0);
    expect(under.lines.map((line) => JSON.parse(line))).toEqual(recorded.filter((e) => e.parents.includes(service)));

    const counted = cli.run(['replay', file, '--speed', 'max', '--count', '7']);
    expect((await counted.finished()).code).toBe(0);
    expect(counted.lines).toHaveLength(7);
  });

  it('keeps the recorded pace with --speed recorded, and decodes Tutum-shaped lines', async () => {
    const paced = join(dir, 'paced.jsonl');
    const tutum = {
      type: 'service',
      action: 'update',
      parents: [],
      resource_uri: '/api/v1/service/s1/',
      state: 'Running',
      date: '2015-12-11T03:58:43+00:00',
    };
    writeFileSync(
      paced,
      [
        JSON.stringify({ t: 0, event: serviceEvent('s1', 'Starting', { datetime: '2016-02-01T16:00:00Z' }) }),
        JSON.stringify({
          t: 300,
          event: serviceEvent('s1', 'Running', { datetime: '2016-02-01T16:00:01Z', parents: [uri('stack', 'k')] }),
        }),
        JSON.stringify(tutum),
        JSON.stringify({ t: 700, event: serviceEvent('s1', 'Stopping') }),
      ].join('\n'),
    );
    const started = Date.now();
    const run = cli.run(['replay', paced, '--json']);
    expect((await run.finished()).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    const events = run.lines.map((line) => JSON.parse(line));
    expect(events).toHaveLength(4);
    expect(events[2]).toEqual({
      type: 'service',
      action: 'update',
      parents: [],
      resource_uri: '/api/v1/service/s1/',
      state: 'Running',
      datetime: '2015-12-11T03:58:43+00:00',
    });
  });

  it('exits 1 naming the file and line of a bad recording', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify({ t: 0, event: serviceEvent('s1', 'Running') })}\nnot json\n`);
    const run = cli.run(['replay', bad]);
    expect((await run.finished()).code).toBe(1);
    expect(run.stderr).toContain(`${bad}:2: not JSON`);
    const missing = cli.run(['replay', join(dir, 'missing.jsonl')]);
    expect((await missing.finished()).code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });
});
