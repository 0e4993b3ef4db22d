// scripts/ensure-nats-server.sh, which `npm test` runs first (pretest): instant when
// nats-server is there, Debian's package installed when it is not, NATS_SERVER_PATH honoured.
// Each run is on a scratch machine: PATH holds only the fakes the test puts there.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'ensure-nats-server.sh');

interface Machine {
  readonly debian: string;
  readonly bin: string;
  readonly log: string;
}

function executable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function machine(setup: { aptGet?: 'installs' | 'installs nothing'; uid?: number }, body: (m: Machine) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-nats-'));
  try {
    const m: Machine = { debian: join(dir, 'debian-nats-server'), bin: join(dir, 'bin'), log: join(dir, 'apt-get.log') };
    mkdirSync(m.bin);
    if (setup.uid !== undefined) executable(join(m.bin, 'id'), `#!/bin/sh\necho ${setup.uid}\n`);
    if (setup.aptGet !== undefined) {
      const install =
        setup.aptGet === 'installs' ? `[ "$1" = install ] && printf '#!/bin/sh\\n' > "${m.debian}" && /bin/chmod 755 "${m.debian}"\n` : '';
      executable(join(m.bin, 'apt-get'), `#!/bin/sh\necho "$*" >> "${m.log}"\n${install}exit 0\n`);
    }
    body(m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(m: Machine, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('/bin/bash', [script], { env: { DEBIAN_NATS_SERVER: m.debian, PATH: m.bin, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const calls = (log: string): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

describe('scripts/ensure-nats-server.sh', () => {
  it("leaves Debian's nats-server that is there alone, running nothing", () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      executable(m.debian, '#!/bin/sh\n');
      expect(run(m)).toEqual({ status: 0, stdout: `nats-server: ${m.debian}\n`, stderr: '' });
      expect(calls(m.log)).toEqual([]);
    });
  });

  it('uses NATS_SERVER_PATH when it names an executable, and fails, installing nothing, when it does not', () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      const own = join(m.bin, '..', 'my-nats-server');
      executable(own, '#!/bin/sh\n');
      expect(run(m, { NATS_SERVER_PATH: own })).toEqual({ status: 0, stdout: `nats-server: ${own} (NATS_SERVER_PATH)\n`, stderr: '' });
      const absent = run(m, { NATS_SERVER_PATH: join(m.bin, '..', 'absent') });
      expect(absent.status).toBe(1);
      expect(absent.stderr).toMatch(/NATS_SERVER_PATH=.*absent is not an executable file/);
      expect(calls(m.log)).toEqual([]);
    });
  });

  it("installs Debian's nats-server with apt-get as root when it is missing, then leaves it alone", () => {
    machine({ aptGet: 'installs', uid: 0 }, (m) => {
      const first = run(m);
      expect(first.status).toBe(0);
      expect(first.stdout).toBe(`nats-server is missing: installing Debian's nats-server package\nnats-server: installed at ${m.debian}\n`);
      expect(run(m).stdout).toBe(`nats-server: ${m.debian}\n`);
      expect(calls(m.log)).toEqual(['update', 'install -y nats-server']);
    });
  });

  it('fails with the commands to run when it is not root and has no password-less sudo, or has no apt-get', () => {
    machine({ aptGet: 'installs', uid: 1000 }, (m) => {
      const result = run(m);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("run 'sudo apt-get update && sudo apt-get install -y nats-server'");
      expect(calls(m.log)).toEqual([]);
    });
    machine({}, (m) => {
      const result = run(m);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('this system has no apt-get');
    });
  });
});
