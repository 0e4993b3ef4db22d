// CI runs what the README tells a newcomer to run, no more and no less.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## Set up\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no "## Set up" block of sh');
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

describe('the set-up', () => {
  it('.ci/run runs exactly the README\'s set-up commands, in the same order, and stops at the first failure', () => {
    const script = readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n');
    expect(script).toContain('set -euo pipefail');
    const commands = script.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#') && !/^(set|cd) /.test(line));
    expect(commands).toEqual(readmeCommands());
  });

  it('installs the browser the tests drive before the tests run', () => {
    const commands = readmeCommands();
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['setup:browser']).toBe('bash scripts/ensure-chromium.sh');
    expect(commands.indexOf('npm run setup:browser')).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('npm run setup:browser')).toBeLessThan(commands.indexOf('npm test'));
  });
});

describe('scripts/ensure-chromium.sh', () => {
  const script = join(root, 'scripts', 'ensure-chromium.sh');

  function run(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('/bin/bash', [script], { env, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('leaves a chromium that is there alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensure-chromium-'));
    try {
      const fake = join(dir, 'chromium');
      writeFileSync(fake, '#!/bin/sh\necho "Chromium 1.2.3"\n', { mode: 0o755 });
      const result = run({ CHROMIUM: fake, PATH: '/usr/bin:/bin' });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`chromium: Chromium 1.2.3 at ${fake}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with a clear message, installing nothing, where chromium is missing and there is no apt-get', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ensure-chromium-'));
    try {
      const result = run({ CHROMIUM: join(empty, 'chromium'), PATH: empty });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/is missing and this system has no apt-get: install Debian's chromium package/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
