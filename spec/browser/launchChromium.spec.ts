// Which chromium the browser tests drive, and what they say when it is not there.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLocation, DEBIAN_CHROMIUM, launchChromium, missingChromium } from './launchChromium.js';

describe('the chromium the browser tests drive', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'launch-chromium-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is CHROMIUM_PATH when set, before Debian's path", () => {
    expect(chromiumLocation({ CHROMIUM_PATH: '/opt/chromium/chrome' })).toEqual({ path: '/opt/chromium/chrome', from: 'CHROMIUM_PATH' });
  });

  it("is Debian's /usr/bin/chromium when CHROMIUM_PATH is unset or empty", () => {
    expect(chromiumLocation({})).toEqual({ path: '/usr/bin/chromium', from: 'debian' });
    expect(chromiumLocation({ CHROMIUM_PATH: '' })).toEqual({ path: DEBIAN_CHROMIUM, from: 'debian' });
  });

  it('is usable when it is an executable file', () => {
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    expect(missingChromium({ path: fake, from: 'CHROMIUM_PATH' })).toBeUndefined();
  });

  it('says to fix or unset CHROMIUM_PATH when it names no executable file', () => {
    const notExecutable = join(dir, 'chromium');
    writeFileSync(notExecutable, '', { mode: 0o644 });
    for (const path of [join(dir, 'absent'), notExecutable, dir]) {
      expect(missingChromium({ path, from: 'CHROMIUM_PATH' })).toBe(
        `CHROMIUM_PATH=${path} is not an executable file: point it at a chromium, or unset it to use Debian's chromium at /usr/bin/chromium (which \`npm test\` installs).`,
      );
    }
  });

  it("says that npm test installs Debian's chromium, or to set CHROMIUM_PATH, when Debian's is missing", () => {
    const message = missingChromium({ path: join(dir, 'absent'), from: 'debian' });
    expect(message).toMatch(/is missing: the browser tests need a chromium\. `npm test` installs Debian's chromium there/);
    expect(message).toMatch(/or set CHROMIUM_PATH to a chromium\.$/);
  });

  it('fails the launch with that message, starting nothing, when CHROMIUM_PATH names nothing', async () => {
    const saved = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = join(dir, 'absent');
    try {
      await expect(launchChromium()).rejects.toThrow(`CHROMIUM_PATH=${join(dir, 'absent')} is not an executable file`);
    } finally {
      if (saved === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = saved;
    }
  });
});
