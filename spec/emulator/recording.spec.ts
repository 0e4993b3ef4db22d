import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEmulatorError, readRecording, startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { ClientPool, delay, dockerCloud, rest } from './support.js';

describe('record and replay', () => {
  const pool = new ClientPool();
  const running: Emulator[] = [];
  let dir: string;
  const start = async (options: Parameters<typeof startEmulator>[0]): Promise<Emulator> => {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockercloud-emulator-'));
  });
  afterEach(async () => {
    await pool.closeAll();
    await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every event as a JSON line {"t","event"}', async () => {
    const file = join(dir, 'run.jsonl');
    const emulator = await start({ seed: 'rec', paused: true });
    emulator.recording.start({ file });
    expect(emulator.recording.active).toBe(true);
    const sent = emulator.step(200);
    const summary = await emulator.recording.stop();
    expect(summary).toEqual({ file, count: 200 });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(200);
    expect(lines.map((line) => line.event)).toEqual(sent);
    for (const line of lines) expect(Object.keys(line)).toEqual(['t', 'event']);
    expect(await readRecording(file)).toEqual(lines);
  });

  it('records the whole stream, whatever the connections filter', async () => {
    const emulator = await start({ seed: 'rec', paused: true });
    await pool.connect(...dockerCloud(emulator, '?type=node'));
    emulator.recording.start();
    emulator.step(50);
    const { count, events } = await emulator.recording.stop();
    expect(count).toBe(50);
    expect(events!.map((line) => line.event.type).some((type) => type !== 'node')).toBe(true);
  });

  it('replays a recording through the same protocol, frame for frame, at full speed', async () => {
    const file = join(dir, 'run.jsonl');
    const original = await start({ seed: 'rec', paused: true, record: { file } });
    const live = await pool.connect(...dockerCloud(original));
    original.step(300);
    await live.waitFrames(300);
    await original.recording.stop();

    const replay = await start({ replay: { file, speed: 'max' } });
    expect(replay.world.eventCount).toBe(0);
    const client = await pool.connect(...dockerCloud(replay));
    await client.waitFrames(300);
    await delay(20);
    expect(client.texts).toEqual(live.texts);
    expect(replay.stats().replayFinished).toBe(true);

    // Its REST API knows what the replayed events said.
    for (const kind of ['service', 'container'] as const) {
      const { body } = await rest(replay, `/api/app/v1/${kind}/?limit=100`);
      expect(body.objects.length).toBeGreaterThan(0);
      for (const object of body.objects) expect(object.state).toBe(original.world.get(object.resource_uri)!.state);
    }
  });

  it('filters a replay like a live stream', async () => {
    const file = join(dir, 'run.jsonl');
    const original = await start({ seed: 'rec', paused: true, record: { file } });
    const events = original.step(200);
    await original.recording.stop();
    const replay = await start({ replay: { file, speed: 'max' } });
    const client = await pool.connect(...dockerCloud(replay, '?type=container'));
    const expected = events.filter((e) => e.type === 'container').length;
    await client.waitFrames(expected);
    expect(client.events().every((e) => e.type === 'container')).toBe(true);
  });

  it('replays at the recorded speed, or a multiple of it', async () => {
    const file = join(dir, 'timed.jsonl');
    const lines = Array.from({ length: 6 }, (_, i) => ({
      t: i * 60,
      event: { type: 'stack', action: 'update', parents: [], resource_uri: `/api/app/v1/stack/s${i}/`, state: 'Running' },
    }));
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const replay = await start({ replay: { file }, paused: true });
    const client = await pool.connect(...dockerCloud(replay));
    const arrivals: number[] = [];
    client.ws.on('message', () => arrivals.push(Date.now()));
    replay.resume();
    await client.waitFrames(6);
    const span = arrivals[5]! - arrivals[0]!;
    expect(span).toBeGreaterThanOrEqual(270);
    expect(span).toBeLessThan(600);

    const fast = await start({ replay: { file, speed: 3 }, paused: true });
    const fastClient = await pool.connect(...dockerCloud(fast));
    const fastArrivals: number[] = [];
    fastClient.ws.on('message', () => fastArrivals.push(Date.now()));
    fast.resume();
    await fastClient.waitFrames(6);
    expect(fastArrivals[5]! - fastArrivals[0]!).toBeLessThan(span);
  });

  it('steps through a replay, and stops at its end', async () => {
    const file = join(dir, 'run.jsonl');
    const original = await start({ seed: 'rec', paused: true });
    original.recording.start({ file });
    const events = original.step(10);
    await original.recording.stop();
    const replay = await start({ replay: { file }, paused: true });
    expect(replay.step(4)).toEqual(events.slice(0, 4));
    expect(replay.step(100)).toEqual(events.slice(4));
    expect(replay.step(1)).toEqual([]);
    expect(replay.world.eventCount).toBe(10);
    expect(replay.world.datetime).toBe(events[9]!.datetime);
  });

  it('reads bare events (raw messages) as lines too, keeping their exact shape', async () => {
    const file = join(dir, 'raw.jsonl');
    const tutum = {
      type: 'container',
      action: 'update',
      parents: [],
      resource_uri: '/api/v1/container/c1/',
      state: 'Running',
      date: '2015-12-11T03:58:43+00:00',
    };
    writeFileSync(file, `\n${JSON.stringify(tutum)}\n{"t":5,"event":${JSON.stringify({ ...tutum, state: 'Stopped' })}}\n`);
    expect((await readRecording(file)).map((line) => line.t)).toEqual([0, 5]);
    const replay = await start({ replay: { file, speed: 'max' }, paused: true });
    const client = await pool.connect(...dockerCloud(replay));
    replay.step(2);
    await client.waitFrames(2);
    expect(JSON.parse(client.texts[0]!)).toEqual(tutum);
    expect((await rest(replay, '/api/v1/container/c1/')).body.state).toBe('Stopped');
  });

  it.each([
    ['not JSON', 'nope\n', /:1: not JSON/],
    ['not an event', '{"t":0,"event":{"type":"container"}}\n', /:1: "event" is not a resource event/],
    [
      'a time going backwards',
      '{"t":5,"event":{"type":"stack","action":"create","parents":[],"resource_uri":"/api/v1/stack/1/"}}\n{"t":1,"event":{"type":"stack","action":"create","parents":[],"resource_uri":"/api/v1/stack/1/"}}\n',
      /:2: "t"/,
    ],
  ])('refuses a recording with %s, naming the line', async (_what, text, message) => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, text);
    const error = await startEmulator({ replay: { file } }).catch((e: unknown) => e);
    expect(isEmulatorError(error) && error.kind).toBe('replay');
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a missing recording, and a recording file it cannot write', async () => {
    const error = await startEmulator({ replay: { file: join(dir, 'missing.jsonl') } }).catch((e: unknown) => e);
    expect(isEmulatorError(error) && error.kind).toBe('replay');
    const emulator = await start({ paused: true });
    expect(() => emulator.recording.start({ file: join(dir, 'no', 'such', 'dir.jsonl') })).toThrow(/cannot open/);
    emulator.recording.start();
    expect(() => emulator.recording.start()).toThrow(/already under way/);
  });

  it('flushes the recording on stop()', async () => {
    const file = join(dir, 'stop.jsonl');
    const emulator = await start({ paused: true, record: { file } });
    emulator.step(25);
    await emulator.stop();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(25);
  });
});
