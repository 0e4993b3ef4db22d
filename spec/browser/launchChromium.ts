// The one way the browser specs start a browser: the chromium CHROMIUM_PATH names, else Debian's
// (never a browser download), headless, with a fresh profile that is removed when it closes.
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Where Debian installs chromium; `scripts/ensure-chromium.sh` (run by `npm test`) puts it there. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The chromium to drive, and why it is that one (for the message when it is missing). */
export interface ChromiumLocation {
  readonly path: string;
  readonly from: 'CHROMIUM_PATH' | 'debian';
}

/** The override `CHROMIUM_PATH` (when set and not empty) wins over Debian's path. */
export function chromiumLocation(env: NodeJS.ProcessEnv = process.env): ChromiumLocation {
  const override = env['CHROMIUM_PATH'];
  return override !== undefined && override !== '' ? { path: override, from: 'CHROMIUM_PATH' } : { path: DEBIAN_CHROMIUM, from: 'debian' };
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Why `location` cannot be driven, saying what to set or run; `undefined` when it is an
 * executable file.
 */
export function missingChromium(location: ChromiumLocation): string | undefined {
  if (isExecutableFile(location.path)) return undefined;
  return location.from === 'CHROMIUM_PATH'
    ? `CHROMIUM_PATH=${location.path} is not an executable file: point it at a chromium, or unset it to use Debian's chromium at ${DEBIAN_CHROMIUM} (which \`npm test\` installs).`
    : `${location.path} is missing: the browser tests need a chromium. \`npm test\` installs Debian's chromium there (scripts/ensure-chromium.sh, with apt-get, as root or with password-less sudo); or set CHROMIUM_PATH to a chromium.`;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A running headless chromium with one page, and everything the page wrote to its console. */
export interface Chromium {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console message and uncaught error of the page, in order, as text. */
  readonly console: readonly string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Starts the chromium of {@link chromiumLocation}, headless, on a fresh profile. Fails (never
 * skips) when it is missing: the browser tests are part of `npm test`.
 */
export async function launchChromium(viewport = { width: 1280, height: 860 }): Promise<Chromium> {
  const location = chromiumLocation();
  const missing = missingChromium(location);
  if (missing !== undefined) throw new Error(missing);
  const profile = mkdtempSync(join(tmpdir(), 'dockercloud-rx-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: location.path,
      headless: true,
      args: ARGS,
      viewport,
      deviceScaleFactor: 1,
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error: Error) => messages.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    console: messages,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
