// `dockercloud-rx emulate` as a real child process: what it prints is enough to connect.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import WebSocket from 'ws';
import { streamEvents } from '../../lib/node/streamEvents.js';
import { assertBuilt, childEnv, CliRunner, parseExports } from './support.js';

jest.setTimeout(15_000);

describe('dockercloud-rx emulate (a child process)', () => {
  const cli = new CliRunner();
  let dir: string;

  beforeAll(assertBuilt);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-cli-'));
  });
  afterEach(async () => {
    await cli.killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints export lines whose credentials work, for the library and for `dockercloud-rx events`', async () => {
    const emulate = cli.run(['emulate', '--seed', '5', '--rate', '50', '--stacks', '2']);
    await emulate.until(() => emulate.stdout.includes('# then:'), 'the export lines');
    for (const line of emulate.lines) expect(line).toMatch(/^(#|export DOCKERCLOUD_\w+=)/);
    const exported = parseExports(emulate.stdout);
    expect(Object.keys(exported).sort()).toEqual([
      'DOCKERCLOUD_APIKEY',
      'DOCKERCLOUD_NAMESPACE',
      'DOCKERCLOUD_REST_HOST',
      'DOCKERCLOUD_STREAM_HOST',
      'DOCKERCLOUD_USER',
    ]);
    expect(exported['DOCKERCLOUD_STREAM_HOST']).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    const viaLibrary = await firstValueFrom(streamEvents({ env: exported, retry: false }).pipe(take(3), toArray()));
    expect(viaLibrary).toHaveLength(3);

    const events = cli.run(['events', '--count', '5'], childEnv(exported));
    expect((await events.finished()).code).toBe(0);
    expect(events.lines).toHaveLength(5);

    const rest = await fetch(`${exported['DOCKERCLOUD_REST_HOST']}/api/app/v1/${exported['DOCKERCLOUD_NAMESPACE']}/stack/`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${exported['DOCKERCLOUD_USER']}:${exported['DOCKERCLOUD_APIKEY']}`).toString('base64')}`,
      },
    });
    expect(rest.status).toBe(200);

    emulate.kill('SIGINT');
    expect(await emulate.finished()).toEqual({ code: 0, signal: null });
    expect(emulate.stderr).toMatch(/● stopped: \d+ events emitted, [1-9]\d* connections accepted/);
  });

  it("logs every connection on stderr as it opens and closes, however brief, from the emulator's connection events", async () => {
    const emulate = cli.run(['emulate', '--paused']);
    await emulate.until(() => emulate.stdout.includes('# then:'), 'the export lines');
    const exported = parseExports(emulate.stdout);
    const authorization = `Basic ${Buffer.from(`${exported['DOCKERCLOUD_USER']}:${exported['DOCKERCLOUD_APIKEY']}`).toString('base64')}`;
    const url = `${exported['DOCKERCLOUD_STREAM_HOST']}/api/audit/v1/events/?type=service`;
    // Three connections, each closed as soon as it opens: no look at the list would see them all.
    for (let i = 0; i < 3; i++) {
      const ws = new WebSocket(url, { headers: { Authorization: authorization } });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => ws.close(1000));
        ws.once('close', () => resolve());
        ws.once('error', reject);
      });
    }
    await emulate.until(() => emulate.stderr.includes('- connection 3 closed'), 'the third close');
    const log = emulate.stderr.split('\n').filter((line) => /connection \d/.test(line));
    expect(log).toEqual([
      '+ connection 1 from 127.0.0.1: /api/audit/v1/events/ type=service',
      '- connection 1 closed (0 events sent)',
      '+ connection 2 from 127.0.0.1: /api/audit/v1/events/ type=service',
      '- connection 2 closed (0 events sent)',
      '+ connection 3 from 127.0.0.1: /api/audit/v1/events/ type=service',
      '- connection 3 closed (0 events sent)',
    ]);
    emulate.kill('SIGINT');
    expect(await emulate.finished()).toEqual({ code: 0, signal: null });
  });

  it('records with --record, and the recording replays through `dockercloud-rx replay`', async () => {
    const file = join(dir, 'run.jsonl');
    const emulate = cli.run(['emulate', '--rate', '200', '--record', file]);
    await emulate.until(() => emulate.stdout.includes('# then:'), 'the export lines');
    await new Promise((resolve) => setTimeout(resolve, 300));
    emulate.kill('SIGTERM');
    expect((await emulate.finished()).code).toBe(0);
    const match = /recorded (\d+) events to (.+)$/m.exec(emulate.stderr);
    expect(match?.[2]).toBe(file);
    const recorded = readFileSync(file, 'utf8').trim().split('\n');
    expect(recorded.length).toBe(Number(match?.[1]));
    expect(recorded.length).toBeGreaterThan(0);

    const replay = cli.run(['replay', file, '--speed', 'max', '--json']);
    expect((await replay.finished()).code).toBe(0);
    expect(replay.lines.map((line) => JSON.parse(line))).toEqual(recorded.map((line) => JSON.parse(line).event));
  });

  it('serves the dashboard with --dashboard, at a printed URL that holds no credential', async () => {
    const emulate = cli.run(['emulate', '--dashboard', '--paused']);
    await emulate.until(() => emulate.stdout.includes('# then:'), 'the export lines');
    const match = /^# dashboard (http:\/\/127\.0\.0\.1:\d+\/dashboard\/)\s/m.exec(emulate.stdout);
    expect(match).not.toBeNull();
    const url = match![1]!;
    const exported = parseExports(emulate.stdout);
    expect(url).not.toContain(exported['DOCKERCLOUD_APIKEY']);
    expect(url.startsWith(exported['DOCKERCLOUD_REST_HOST']!)).toBe(true);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script src="dashboard.js"');
    const session = await fetch(`${url}session`);
    expect(await session.json()).toEqual({
      user: exported['DOCKERCLOUD_USER'],
      apiKey: exported['DOCKERCLOUD_APIKEY'],
      namespace: exported['DOCKERCLOUD_NAMESPACE'],
    });

    emulate.kill('SIGINT');
    expect((await emulate.finished()).code).toBe(0);
  });

  it('serves no dashboard without --dashboard', async () => {
    const emulate = cli.run(['emulate', '--paused']);
    await emulate.until(() => emulate.stdout.includes('# then:'), 'the export lines');
    expect(emulate.stdout).not.toContain('# dashboard');
    const exported = parseExports(emulate.stdout);
    expect((await fetch(`${exported['DOCKERCLOUD_REST_HOST']}/dashboard/`)).status).toBe(404);
    emulate.kill('SIGINT');
    expect((await emulate.finished()).code).toBe(0);
  });

  it('refuses invalid emulator options with exit code 2', async () => {
    const run = cli.run(['emulate', '--port', '70000']);
    expect((await run.finished()).code).toBe(2);
    expect(run.stderr).toMatch(/dockercloud-rx: .*port/);
    expect(run.stdout).toBe('');
  });
});
