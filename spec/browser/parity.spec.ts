// The same pipeline, over the same seeded scenario, in Node and in a real Chromium: the
// outputs must be identical.
import { join } from 'node:path';
import { build } from 'esbuild';
import { lastValueFrom, take, toArray } from 'rxjs';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { streamEvents } from '../../lib/node/index.js';
import { launchChromium, type Chromium } from './launchChromium.js';
import type { ParityRun } from './parityPage.js';
import { PARITY_OPERATORS, parityPipeline } from './parityPipeline.js';
import { waitFor } from './waitFor.js';

const SEED = 20;
const EVENTS = 400;

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'parityPage.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  // The page runs the browser entry: no ws, no Node entry.
  expect(inputs.filter((input) => /node_modules\/(ws|isomorphic-ws)\/|lib\/node\//.test(input))).toEqual([]);
  return result.outputFiles[0]!.text;
}

/** A fresh emulator of the scenario, paused: nothing is sent until the client is connected. */
async function scenario(): Promise<{ emulator: Emulator; stack: string }> {
  const emulator = await startEmulator({ seed: SEED, paused: true, pingInterval: false });
  const stack = emulator.world.resources('stack')[0]!.resource_uri;
  return { emulator, stack };
}

/** Sends the scenario's events once one client is connected. */
async function play(emulator: Emulator): Promise<void> {
  await waitFor(() => emulator.connections.some((c) => c.state === 'open'), 10_000, 'the client to connect');
  emulator.step(EVENTS);
}

describe('parity between Node and Chromium', () => {
  let chromium: Chromium | undefined;
  const emulators: Emulator[] = [];

  afterAll(async () => {
    await chromium?.close();
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  });

  it('gives identical output for the same pipeline over the same seeded scenario', async () => {
    const page = await bundlePage();

    const node = await scenario();
    emulators.push(node.emulator);
    const { user, apiKey } = node.emulator.credentials;
    const nodeLines = lastValueFrom(
      parityPipeline(streamEvents({ url: node.emulator.url, auth: { user, apiKey }, retry: false }).pipe(take(EVENTS)), node.stack).pipe(
        toArray(),
      ),
    );
    await play(node.emulator);

    const browser = await scenario();
    emulators.push(browser.emulator);
    chromium = await launchChromium();
    await chromium.page.addScriptTag({ content: page });
    const run: ParityRun = { url: browser.emulator.url, ...browser.emulator.credentials, stack: browser.stack, events: EVENTS };
    await chromium.page.evaluate((r) => {
      (window as unknown as { parity: Promise<string[]> }).parity = window.runParity(r);
    }, run);
    await play(browser.emulator);
    const browserLines = await chromium.page.evaluate(() => (window as unknown as { parity: Promise<string[]> }).parity);

    const expected = await nodeLines;
    // Both runs saw the same scenario…
    expect(browser.stack).toBe(node.stack);
    expect(browser.emulator.world.eventCount).toBe(EVENTS);
    // …and every operator of the pipeline had something to say about it.
    for (const operator of PARITY_OPERATORS) {
      expect(expected.filter((line) => line.startsWith(`${operator} `)).length).toBeGreaterThan(5);
    }
    expect(browserLines).toEqual(expected);
    // The browser's socket went through query auth, and nothing reached its console.
    expect(chromium.console).toEqual([]);
  }, 60_000);
});
