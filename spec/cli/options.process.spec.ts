// Option errors of `events` and `emulate`, as real child processes: named by the flag or the
// DOCKERCLOUD_* variable the value came from, exit 2, nothing dialled, no credential printed.
import { childEnv, assertBuilt, CliRunner } from './support.js';

jest.setTimeout(20_000);

const API_KEY = 'cli-S3CRET-key-0001';
const credentials = { DOCKERCLOUD_USER: 'me', DOCKERCLOUD_APIKEY: API_KEY };

describe('option errors on the command line', () => {
  const cli = new CliRunner();
  beforeAll(assertBuilt);
  afterEach(() => cli.killAll());

  const failure = async (
    args: readonly string[],
    env: Readonly<Record<string, string>>,
  ): Promise<{ code: number | null; stderr: string; stdout: string }> => {
    const run = cli.run(args, childEnv(env));
    const exit = await run.finished(15_000);
    return { code: exit.code, stderr: run.stderr, stdout: run.stdout };
  };

  it('events: names --url, not options.url', async () => {
    const { code, stderr, stdout } = await failure(['events', '--url', 'ftp://127.0.0.1:1'], credentials);
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid --url: expected ws(s):// or http(s)://, got ftp:');
    expect(stderr).not.toMatch(/options?\.url|Invalid option/);
    expect(stdout).toBe('');
    expect(stderr).not.toContain(API_KEY);
  });

  it('events: names DOCKERCLOUD_STREAM_HOST when the URL came from there', async () => {
    const { code, stderr } = await failure(['events'], { ...credentials, DOCKERCLOUD_STREAM_HOST: 'ftp://127.0.0.1:1' });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid DOCKERCLOUD_STREAM_HOST: ');
  });

  it('events: names --namespace or DOCKERCLOUD_NAMESPACE for a namespace that is no name', async () => {
    const flag = await failure(['events', '--url', 'ws://127.0.0.1:1', '--namespace', '..'], credentials);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Invalid --namespace: expected a string matching');
    const variable = await failure(['events', '--url', 'ws://127.0.0.1:1'], { ...credentials, DOCKERCLOUD_NAMESPACE: 'a/b' });
    expect(variable.code).toBe(2);
    expect(variable.stderr).toContain('Invalid DOCKERCLOUD_NAMESPACE: expected a string matching');
    expect(variable.stderr).toContain('"a/b"');
  });

  it('events: names DOCKERCLOUD_USER for a user with ":", and never prints the key', async () => {
    const { code, stderr } = await failure(['events', '--url', 'ws://127.0.0.1:1'], {
      DOCKERCLOUD_USER: 'me:you',
      DOCKERCLOUD_APIKEY: API_KEY,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid DOCKERCLOUD_USER: ');
    expect(stderr).not.toContain(API_KEY);
  });

  it('emulate: names the flag (--namespace, --ping-interval)', async () => {
    const namespace = await failure(['emulate', '--namespace', '..'], {});
    expect(namespace.code).toBe(2);
    expect(namespace.stderr).toContain('Invalid --namespace: expected a string matching');
    expect(namespace.stdout).toBe('');
    const ping = await failure(['emulate', '--ping-interval', '0.005'], {});
    expect(ping.code).toBe(2);
    expect(ping.stderr).toContain('Invalid --ping-interval: ');
    expect(ping.stderr).not.toContain('Invalid option');
  });
});
