// The one way the browser specs start a browser: Debian's chromium (never a browser download),
// headless, with a fresh profile that is removed when it closes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Where Debian installs chromium; `scripts/ensure-chromium.sh` puts it there. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

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
 * Starts Debian's chromium, headless, on a fresh profile. Fails (never skips) when chromium is
 * missing: the browser tests are part of `npm test`.
 */
export async function launchChromium(viewport = { width: 1280, height: 860 }): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the browser tests need Debian's chromium. Install it with \`npm run setup:browser\` (scripts/ensure-chromium.sh).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'dockercloud-rx-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
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
