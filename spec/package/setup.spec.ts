// A newcomer's two commands are CI's two commands, and `npm test` needs no third one: the
// chromium its browser tests drive is ensured by the test command itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Manifest {
  scripts: Record<string, string>;
  engines: Record<string, string>;
}
const manifest = (): Manifest => JSON.parse(read('package.json')) as Manifest;

function readmeCommands(): string[] {
  const block = /^## Set up[^\n]*\n\s*```sh\n([\s\S]*?)```/m.exec(read('README.md'))?.[1];
  if (block === undefined) throw new Error('README.md has no "## Set up" section starting with a block of sh');
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** A scratch directory, removed after `body`. */
function withDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'setup-spec-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function executable(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o755 });
}

/** What a run wrote to `log`, one line per call, or nothing. */
function calls(log: string): string[] {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : [];
}

describe('the set-up', () => {
  it('is two commands in the README, after how a user installs the package', () => {
    expect(readmeCommands()).toEqual(['npm ci && npm start', 'npm test']);
    const readme = read('README.md');
    const install = readme.indexOf('npm install dockercloud-rx rxjs io-ts fp-ts');
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(readme.search(/^## Set up/m));
    // The first example comes with the install, before the contributors' set-up.
    expect(readme.indexOf('```ts')).toBeGreaterThan(install);
    expect(readme.indexOf('```ts')).toBeLessThan(readme.search(/^## Set up/m));
  });

  it(".ci/run runs exactly the README's set-up commands, in the same order", () => {
    const script = read('.ci/run').split('\n');
    expect(script).toContain('set -euo pipefail');
    const commands = script
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !/^(set|cd) /.test(line))
      // The guard `set -e` needs after an `&&` list; it runs nothing more.
      .map((line) => line.replace(/ \|\| exit$/, ''));
    expect(commands).toEqual(readmeCommands());
  });

  describe('.ci/run, with an npm that records its calls', () => {
    function ci(failing: string | undefined): { status: number | null; calls: string[] } {
      return withDir((dir) => {
        const log = join(dir, 'log');
        executable(join(dir, 'npm'), `#!/bin/sh\necho "$*" >> "${log}"\n[ "$*" != "${failing ?? ''}" ]\n`);
        const result = spawnSync('/bin/bash', [join(root, '.ci', 'run')], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
        return { status: result.status, calls: calls(log) };
      });
    }

    it('runs npm ci, npm start, npm test in order', () => {
      expect(ci(undefined)).toEqual({ status: 0, calls: ['ci', 'start', 'test'] });
    });

    it.each([
      ['ci', ['ci']],
      ['start', ['ci', 'start']],
      ['test', ['ci', 'start', 'test']],
    ])('stops at a failed npm %s, failing', (failing, expected) => {
      const result = ci(failing);
      expect(result.calls).toEqual(expected);
      expect(result.status).not.toBe(0);
    });
  });

  it('npm test ensures the browser its tests drive before anything else, so no third command is needed', () => {
    const { scripts } = manifest();
    expect(scripts['pretest']).toBe('bash scripts/ensure-chromium.sh && bash scripts/ensure-nats-server.sh');
    expect(scripts['setup:browser']).toBe('bash scripts/ensure-chromium.sh');
    expect(readmeCommands().join('\n')).not.toMatch(/setup:browser|ensure-chromium/);
  });

  it('names one Node version, the one CI runs (20), in package.json, the README and the docs', () => {
    expect(manifest().engines).toEqual({ node: '>=20' });
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: Record<string, string> }> };
    expect(lock.packages['']?.engines).toEqual({ node: '>=20' });
    const docs = [
      'README.md',
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const claims = docs.flatMap((doc) => [...read(doc).matchAll(/Node(?:\.js)? (\d+) or later/g)].map((m) => `${doc}: ${m[1]}`));
    expect(claims).toContain('README.md: 20');
    expect(claims.filter((claim) => !claim.endsWith(': 20'))).toEqual([]);
  });
});

describe('scripts/ensure-chromium.sh', () => {
  const script = join(root, 'scripts', 'ensure-chromium.sh');

  interface Machine {
    /** Where Debian's chromium would be (DEBIAN_CHROMIUM). */
    readonly debian: string;
    /** The only directory on PATH. */
    readonly bin: string;
    /** Each apt-get call, as its arguments. */
    readonly log: string;
  }

  /**
   * A machine in a scratch directory: PATH holds only `bin` (so the script runs nothing the
   * test did not put there), and `apt-get`, when given, records its calls and, when `installs`,
   * puts a chromium at the Debian path.
   */
  function machine<T>(setup: { aptGet?: 'installs' | 'installs nothing'; uid?: number }, body: (m: Machine) => T): T {
    return withDir((dir) => {
      const m: Machine = { debian: join(dir, 'debian-chromium'), bin: join(dir, 'bin'), log: join(dir, 'apt-get.log') };
      spawnSync('/bin/mkdir', [m.bin]);
      if (setup.uid !== undefined) executable(join(m.bin, 'id'), `#!/bin/sh\necho ${setup.uid}\n`);
      if (setup.aptGet !== undefined) {
        const install =
          setup.aptGet === 'installs'
            ? `[ "$1" = install ] && printf '#!/bin/sh\\n' > "${m.debian}" && /bin/chmod 755 "${m.debian}"\n`
            : '';
        executable(join(m.bin, 'apt-get'), `#!/bin/sh\necho "$*" >> "${m.log}"\n${install}exit 0\n`);
      }
      return body(m);
    });
  }

  function run(m: Machine, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('/bin/bash', [script], { env: { DEBIAN_CHROMIUM: m.debian, PATH: m.bin, ...env }, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("leaves Debian's chromium that is there alone, running nothing (so it is instant)", () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      executable(m.debian, '#!/bin/sh\necho "Chromium 1.2.3"\n');
      // No `id` either: the script must not get that far.
      rmSync(join(m.bin, 'id'));
      expect(run(m)).toEqual({ status: 0, stdout: `chromium: ${m.debian}\n`, stderr: '' });
      expect(calls(m.log)).toEqual([]);
    });
  });

  it("installs nothing when CHROMIUM_PATH names an executable, even where Debian's is missing and apt-get could", () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      const own = join(m.bin, '..', 'my-chromium');
      executable(own, '#!/bin/sh\n');
      expect(run(m, { CHROMIUM_PATH: own })).toEqual({ status: 0, stdout: `chromium: ${own} (CHROMIUM_PATH)\n`, stderr: '' });
      expect(calls(m.log)).toEqual([]);
      expect(existsSync(m.debian)).toBe(false);
    });
  });

  it('fails, installing nothing, when CHROMIUM_PATH names no executable file', () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      const absent = join(m.bin, '..', 'absent');
      const result = run(m, { CHROMIUM_PATH: absent });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `error: CHROMIUM_PATH=${absent} is not an executable file: point it at a chromium, or unset it to use Debian's chromium at ${m.debian} (which npm test then installs)\n`,
      );
      expect(calls(m.log)).toEqual([]);
    });
  });

  it("installs Debian's chromium with apt-get as root when it is missing, then leaves it alone", () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      const first = run(m);
      expect(first.status).toBe(0);
      expect(first.stdout).toBe(`chromium is missing: installing Debian's chromium package\nchromium: installed at ${m.debian}\n`);
      expect(calls(m.log)).toEqual(['update', 'install -y chromium']);
      // The second run finds it and calls apt-get no more.
      expect(run(m)).toEqual({ status: 0, stdout: `chromium: ${m.debian}\n`, stderr: '' });
      expect(calls(m.log)).toEqual(['update', 'install -y chromium']);
    });
  });

  it("fails, saying so, when apt-get succeeded but chromium is still not at Debian's path", () => {
    machine({ aptGet: 'installs nothing', uid: 0 }, (m) => {
      const result = run(m);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/apt-get installed chromium, but .* is still missing: set CHROMIUM_PATH to the chromium it installed/);
    });
  });

  it('fails with the commands to run, installing nothing, when it is not root and has no password-less sudo', () => {
    machine({ aptGet: 'installs', uid: 1000 }, (m) => {
      const result = run(m);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `error: ${m.debian} is missing; installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium', or set CHROMIUM_PATH to a chromium\n`,
      );
      expect(calls(m.log)).toEqual([]);
    });
  });

  it('fails with a clear message, installing nothing, where chromium is missing and there is no apt-get', () => {
    machine({}, (m) => {
      const result = run(m);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `error: ${m.debian} is missing and this system has no apt-get: install a chromium and set CHROMIUM_PATH to it\n`,
      );
    });
  });
});
