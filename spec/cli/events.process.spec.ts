// `dockercloud-rx events` as a real child process against the emulator.
import { decodeEvent } from '../../lib/model/decodeEvent.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { sameResource } from '../../lib/uri/sameResource.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import { assertBuilt, childEnv, ClosingProxy, CliRunner, emulatorEnv } from './support.js';

jest.setTimeout(15_000);

const LINE = /^\d\d:\d\d:\d\d {2}(\S+)\s+(create|update|delete)\s+/;

function secretsOf(emulator: Emulator): string[] {
  const { apiKey, authorization, token } = emulator.credentials;
  return [apiKey, authorization, token, authorization.replace(/^Basic /, ''), token.replace(/^TutumAccessKey /, '')];
}

function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('dockercloud-rx events (a child process against the emulator)', () => {
  const cli = new CliRunner();
  let emulator: Emulator;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    emulator = await startEmulator({ seed: 'cli', paused: true });
  });
  afterEach(async () => {
    await cli.killAll();
    await emulator.stop();
  });

  it('prints one aligned line per event on stdout and the status on stderr, and exits 0 after --count', async () => {
    const run = cli.run(['events', '--count', '6', '--utc', '--ids'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    const sent = emulator.step(6);
    expect(await run.finished()).toEqual({ code: 0, signal: null });

    const lines = run.lines;
    expect(lines).toHaveLength(6);
    lines.forEach((line, i) => {
      const event = sent[i]!;
      expect(line).toMatch(LINE);
      expect(line.slice(0, 8)).toBe(event.datetime!.slice(11, 19));
      expect(line.slice(10, 21).trimEnd()).toBe(event.type);
      expect(line.slice(23, 29).trimEnd()).toBe(event.action);
      const uuid = event.resource_uri.split('/').filter(Boolean).pop()!;
      // The short id column starts at the same offset on every line.
      expect(line.slice(63, 71)).toBe(uuid.slice(0, 8));
      expect(line).not.toMatch(/\s$/);
      expect(line).not.toContain('\x1b[');
    });
    expect(run.stdout).not.toMatch(/connect|closed/);
    expect(run.stderr).toMatch(/connecting to ws:\/\/127\.0\.0\.1:\d+\/api\/audit\/v1\/events\//);
    expect(run.stderr).toContain('● connected');
    expectNoSecret(run.stdout + run.stderr, secretsOf(emulator));
  });

  it('prints names where it printed short ids, for the resource and its parent, as the REST API names them', async () => {
    // The names as the emulator's REST objects give them, whatever they are, as they come and go.
    const names = new Map<string, string>();
    const learn = (): void => {
      for (const kind of ['stack', 'service', 'container', 'node', 'nodecluster'] as const) {
        for (const resource of emulator.world.resources(kind)) {
          if (typeof resource['name'] === 'string') names.set(normalizeResourceUri(resource.resource_uri), resource['name']);
        }
      }
    };
    learn();
    const run = cli.run(['events', '--count', '30', '--utc'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    const sent: ReturnType<Emulator['step']>[number][] = [];
    while (sent.length < 30) {
      const step = emulator.step(1);
      learn();
      sent.push(...step);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await run.finished()).toEqual({ code: 0, signal: null });
    const lines = run.lines;
    expect(lines).toHaveLength(30);
    let named = 0;
    lines.forEach((line, i) => {
      const event = sent[i]!;
      const [id, parent] = line.slice(63).split(/\s+/);
      const name = names.get(normalizeResourceUri(event.resource_uri));
      if (event.type !== 'action') {
        expect(name).toBeDefined();
        expect(id).toBe(name);
        named++;
      } else {
        // An action has no name: its short id stays.
        expect(id).toBe(event.resource_uri.split('/').filter(Boolean).pop()!.slice(0, 8));
      }
      const parentUri = event.parents[0];
      if (parentUri !== undefined) {
        const kind = parentUri.split('/').filter(Boolean).slice(-2, -1)[0];
        expect(parent).toBe(`${kind}/${names.get(normalizeResourceUri(parentUri))}`);
      }
    });
    expect(named).toBeGreaterThan(5);
    expectNoSecret(run.stdout + run.stderr, secretsOf(emulator));
    // The ids stay in --json.
    const json = cli.run(['events', '--json', '--count', '1'], emulatorEnv(emulator));
    await json.until(() => json.stderr.includes('connected'), 'the connection');
    const [event] = emulator.step(1);
    await json.finished();
    expect(decodeEvent(JSON.parse(json.lines[0]!))).toEqual({ _tag: 'Right', right: event });
  });

  it("shows each resource's state transition, tracking its previous state", async () => {
    const run = cli.run(['events', '--type', 'container', '--count', '40'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    const sent: { uri: string; state: string | undefined }[] = [];
    while (sent.length < 40) {
      for (const event of emulator.step(50)) if (event.type === 'container') sent.push({ uri: event.resource_uri, state: event.state });
    }
    expect((await run.finished()).code).toBe(0);
    const seen = new Map<string, string>();
    run.lines.forEach((line, i) => {
      const { uri, state } = sent[i]!;
      const before = seen.get(uri);
      const column = line.slice(31, 61).trimEnd();
      if (before === undefined) expect(column).toBe(`→ ${state}`);
      else if (before === state) expect(column).toBe(state);
      else expect(column).toBe(`${before} → ${state}`);
      seen.set(uri, state!);
    });
  });

  it('with --json, prints exactly one decodable JSON object per line, equal to the events sent', async () => {
    const run = cli.run(['events', '--json', '--count', '10'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    const sent = emulator.step(10);
    expect((await run.finished()).code).toBe(0);
    const decoded = run.lines.map((line) => decodeEvent(line));
    expect(decoded.every((result) => result._tag === 'Right')).toBe(true);
    expect(run.lines.map((line) => JSON.parse(line))).toEqual(sent);
    expect(run.stdout).toBe(run.lines.map((line) => `${line}\n`).join(''));
  });

  it('sends --type, --object and --parent as server-side filters, and prints only what passes', async () => {
    const [cluster] = emulator.world.resources('nodecluster');
    const run = cli.run(
      ['events', '--type', 'container', '--type', 'node,service', '--parent', cluster!.resource_uri],
      emulatorEnv(emulator),
    );
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    expect(emulator.connections[0]!.filter).toEqual({ type: ['container', 'node', 'service'], parent: [cluster!.resource_uri] });
    const sent = emulator.step(150);
    const expected = sent.filter(
      (e) => ['container', 'node'].includes(e.type) && e.parents.some((p) => sameResource(p, cluster!.resource_uri)),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sent.length);
    await run.until(() => run.lines.length >= expected.length, `${expected.length} lines`);
    run.kill('SIGINT');
    expect((await run.finished()).code).toBe(0);
    expect(run.lines.map((line) => LINE.exec(line)?.[1])).toEqual(expected.map((e) => e.type));

    const [node] = emulator.world.resources('node');
    const objects = cli.run(['events', '--object', node!.resource_uri, '--json'], emulatorEnv(emulator));
    await objects.until(() => objects.stderr.includes('connected'), 'the connection');
    expect(emulator.connections.find((c) => c.filter.object !== undefined)?.filter).toEqual({ object: [node!.resource_uri] });
    objects.kill('SIGINT');
    expect((await objects.finished()).code).toBe(0);
  });

  it('exits 3 with a clear message when the credentials are refused, never printing them', async () => {
    const wrongKey = 'not-the-key-0123456789abcdef';
    const wrongToken = 'TutumAccessKey 0badc0ffee0badc0ffee0badc0ffee';
    const run = cli.run(['events'], emulatorEnv(emulator, { DOCKERCLOUD_APIKEY: wrongKey }));
    const byAuth = cli.run(['events'], childEnv({ DOCKERCLOUD_STREAM_HOST: emulator.url, DOCKERCLOUD_AUTH: wrongToken }));
    expect(await run.finished()).toEqual({ code: 3, signal: null });
    expect(run.stderr).toMatch(/dockercloud-rx: The server refused the credentials \(HTTP 401\)/);
    expect(run.stderr).toContain('DOCKERCLOUD_APIKEY');
    expect(run.stdout).toBe('');
    expectNoSecret(run.stdout + run.stderr, [wrongKey, Buffer.from(`emulator:${wrongKey}`).toString('base64')]);

    expect((await byAuth.finished()).code).toBe(3);
    expectNoSecret(byAuth.stdout + byAuth.stderr, [wrongToken, '0badc0ffee0badc0ffee0badc0ffee']);
  });

  it('exits 3 on an in-band UNAUTHORIZED too', async () => {
    const inBand = await startEmulator({ paused: true, inBandAuthErrors: true });
    try {
      const run = cli.run(['events'], emulatorEnv(inBand, { DOCKERCLOUD_APIKEY: 'wrong-wrong-wrong' }));
      expect((await run.finished()).code).toBe(3);
      expect(run.stderr).toContain('refused the credentials (in-band UNAUTHORIZED)');
      expect(run.stderr).not.toContain('wrong-wrong-wrong');
    } finally {
      await inBand.stop();
    }
  });

  it('exits 3 at once, without connecting, when the environment has no credentials', async () => {
    const run = cli.run(['events'], childEnv({ DOCKERCLOUD_STREAM_HOST: emulator.url }));
    expect((await run.finished()).code).toBe(3);
    expect(run.stderr).toContain('no credentials: set DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY');
    expect(emulator.stats().connectionsAccepted).toBe(0);
    expect(emulator.stats().handshakesRefused).toEqual({});
  });

  it('takes DOCKERCLOUD_AUTH verbatim, and prints neither it nor the key', async () => {
    const run = cli.run(
      ['events', '--count', '3', '--json'],
      childEnv({ DOCKERCLOUD_STREAM_HOST: emulator.url, DOCKERCLOUD_AUTH: emulator.credentials.token }),
    );
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    emulator.step(3);
    expect((await run.finished()).code).toBe(0);
    expect(run.lines).toHaveLength(3);
    expectNoSecret(run.stdout + run.stderr, secretsOf(emulator));
  });

  it('has no option for credentials: they come from the environment only', async () => {
    const run = cli.run(['events', '--apikey', emulator.credentials.apiKey], emulatorEnv(emulator));
    const help = cli.run(['events', '--help']);
    expect((await run.finished()).code).toBe(2);
    expect(run.stderr).toContain("unknown option '--apikey'");
    expect((await help.finished()).code).toBe(0);
    expect(help.stdout).not.toMatch(/--(apikey|api-key|password|pass|token|auth)\b/);
    expect(help.stdout).toContain('DOCKERCLOUD_APIKEY');
  });

  it('on SIGINT and SIGTERM, closes the socket with 1000 and exits 0', async () => {
    const proxy = await ClosingProxy.start(emulator);
    try {
      const run = cli.run(['events', '--url', proxy.url], emulatorEnv(emulator));
      await run.until(() => run.stderr.includes('connected'), 'the connection');
      emulator.step(2);
      await run.until(() => run.lines.length === 2, 'two events');
      run.kill('SIGINT');
      expect(await run.finished()).toEqual({ code: 0, signal: null });
      expect(await proxy.firstClose()).toBe(1000);

      const term = cli.run(['events'], emulatorEnv(emulator));
      await term.until(() => term.stderr.includes('connected'), 'the connection');
      term.kill('SIGTERM');
      expect(await term.finished()).toEqual({ code: 0, signal: null });
    } finally {
      await proxy.stop();
    }
  });

  it('--timeout stops with 0, or with 124 when --count events have not all come', async () => {
    const idle = cli.run(['events', '--timeout', '0.5'], emulatorEnv(emulator));
    const short = cli.run(['events', '--timeout', '0.5', '--count', '5'], emulatorEnv(emulator));
    expect((await idle.finished()).code).toBe(0);
    expect((await short.finished()).code).toBe(124);
    expect(short.stderr).toContain('timed out after 0.5 s with 0 of 5 events');
  });

  it('reports a reconnection with its countdown on stderr, never on stdout', async () => {
    emulator.faults.next({ kind: 'drop', afterMessages: 2 });
    const run = cli.run(['events', '--count', '4'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('connected'), 'the connection');
    emulator.step(2);
    await run.until(() => /reconnecting in \d+\.\d s \(attempt 1\)/.test(run.stderr), 'the countdown');
    await run.until(() => run.stderr.includes('● reconnected'), 'the reconnection');
    emulator.step(2);
    expect((await run.finished()).code).toBe(0);
    expect(run.stderr).toContain('✗ connection lost:');
    expect(run.lines).toHaveLength(4);
    expect(run.lines.every((line) => LINE.test(line))).toBe(true);
  });

  it('speaks Tutum with --tutum, filtering on the client', async () => {
    const run = cli.run(['events', '--tutum', '--type', 'service', '--count', '2', '--json'], emulatorEnv(emulator));
    await run.until(() => run.stderr.includes('● authenticated'), 'the auth message');
    expect(emulator.connections[0]!.path).toBe('/v1/events');
    while (run.lines.length < 2 && emulator.world.eventCount < 2000) {
      emulator.step(20);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await run.finished()).code).toBe(0);
    expect(run.lines.map((line) => JSON.parse(line).type)).toEqual(['service', 'service']);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const badType = cli.run(['events', '--type', 'image']);
    const badUri = cli.run(['events', '--parent', 'web']);
    const badUrl = cli.run(['events', '--url', 'ftp://example.com'], emulatorEnv(emulator));
    const noCommand = cli.run([]);
    expect((await badType.finished()).code).toBe(2);
    expect(badType.stderr).toContain('unknown type "image"');
    expect((await badUri.finished()).code).toBe(2);
    expect((await noCommand.finished()).code).toBe(2);
    expect(noCommand.stderr).toContain('Usage: dockercloud-rx');
    expect((await badUrl.finished()).code).toBe(2);
    expect(badUrl.stderr).toContain('Invalid --url: ');
  });
});
