// The live dashboard in a real Chromium: what it shows is the emulator's truth, it survives a
// forced disconnect, and the credentials never reach the console, the page or its URL.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { normalizeResourceUri } from '../../lib/index.js';
import { launchChromium, type Chromium } from './launchChromium.js';

const KINDS = ['stack', 'service', 'container'] as const;
// The picture in the docs is rewritten only on request (`npm run docs:screenshot`), so that a
// test run leaves the tracked file alone; otherwise the screenshot is still taken, elsewhere.
const SCREENSHOT =
  process.env['DASHBOARD_SCREENSHOT'] === 'docs'
    ? join(__dirname, '..', '..', 'docs', 'dashboard.png')
    : join(tmpdir(), 'dockercloud-rx-dashboard.png');

type Shown = Record<string, string>;

/** What the page shows: the state text of every resource, by its normalized URI. */
async function readShown(chromium: Chromium): Promise<Shown> {
  const pairs = await chromium.page.$$eval('[data-state-of]', (elements) =>
    elements.map((e) => [e.getAttribute('data-state-of') ?? '', e.textContent ?? '']),
  );
  return Object.fromEntries(pairs);
}

/** How what the page shows differs from the emulator's world; empty when they agree. */
function differences(emulator: Emulator, shown: Shown): string[] {
  const problems: string[] = [];
  for (const kind of KINDS) {
    for (const resource of emulator.world.resources(kind)) {
      const key = normalizeResourceUri(resource.resource_uri);
      if (shown[key] !== resource.state) problems.push(`${key}: the world says ${resource.state}, the page ${shown[key] ?? 'nothing'}`);
    }
  }
  // A resource the listing leaves out (Terminated, its delete not sent yet) is still shown
  // until its delete event; whatever is shown must be what REST answers for it.
  for (const [key, state] of Object.entries(shown)) {
    const resource = emulator.world.get(key);
    if (resource?.state !== state) problems.push(`${key}: the page shows ${state}, the world has ${resource?.state ?? 'nothing'}`);
  }
  return problems;
}

async function waitConsistent(emulator: Emulator, chromium: Chromium, what: string): Promise<Shown> {
  let shown: Shown;
  let problems: string[];
  const deadline = Date.now() + 10_000;
  do {
    shown = await readShown(chromium);
    problems = differences(emulator, shown);
    if (problems.length === 0 && Object.keys(shown).length > 0) return shown;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  throw new Error(`the page never matched the world ${what}:\n${problems.slice(0, 10).join('\n')}`);
}

/**
 * Waits until the page names every resource it shows as the emulator's REST API names it, and
 * shows the image of every service: read off the page (`data-name-of`, `data-image-of`).
 */
async function waitNamed(emulator: Emulator, chromium: Chromium): Promise<{ names: number; images: number }> {
  let problems: string[];
  let counts: { names: number; images: number };
  const deadline = Date.now() + 10_000;
  do {
    const read = (attribute: string): Promise<[string, string][]> =>
      chromium.page.$$eval(
        `[${attribute}]`,
        (elements, name) => elements.map((e): [string, string] => [e.getAttribute(name) ?? '', e.textContent ?? '']),
        attribute,
      );
    const names = Object.fromEntries(await read('data-name-of'));
    const images = Object.fromEntries(await read('data-image-of'));
    const shown = Object.keys(await readShown(chromium));
    problems = [];
    for (const key of shown) {
      const resource = emulator.world.get(key);
      if (resource === undefined) continue;
      if (names[key] !== resource['name']) problems.push(`${key}: named ${names[key] ?? 'nothing'}, REST says ${String(resource['name'])}`);
      if (resource.type === 'service' && images[key] !== resource['image_name'])
        problems.push(`${key}: image ${images[key] ?? 'nothing'}, REST says ${String(resource['image_name'])}`);
    }
    counts = { names: Object.keys(names).length, images: Object.keys(images).length };
    if (problems.length === 0 && shown.length > 0) return counts;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  throw new Error(`the page never named what it shows:\n${problems.slice(0, 10).join('\n')}`);
}

describe('the dashboard', () => {
  let emulator: Emulator;
  let chromium: Chromium;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 11, rate: 25, dashboard: true, world: { stacks: 4 } });
    chromium = await launchChromium({ width: 1360, height: 900 });
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    await emulator?.stop();
  });

  it("shows the emulator's resources and transitions, reconnects after a forced disconnect, and never leaks the token", async () => {
    const { page } = chromium;
    const { apiKey } = emulator.credentials;
    const url = emulator.dashboardUrl!;
    expect(url).toBe(`${emulator.restUrl}/dashboard/`);
    await page.goto(url);

    // It lists, then follows the stream.
    await page.waitForSelector('#connection[data-phase="live"]', { timeout: 10_000 });
    await page.waitForSelector('[data-state-of]', { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll('.feed .row').length >= 8, undefined, { timeout: 10_000 });

    // What it shows is the world's truth, once the world stands still.
    emulator.pause();
    const before = await waitConsistent(emulator, chromium, 'after a pause');
    const counts = emulator.world.counts();
    expect(Object.keys(before)).toHaveLength(
      counts.stack +
        counts.service +
        counts.container +
        Object.keys(before).filter((key) => emulator.world.get(key)?.state === 'Terminated').length,
    );
    expect(await page.textContent('#connection .title')).toBe('Live');
    // Stacks, services and containers by name, services with their image, as REST gives them.
    const named = await waitNamed(emulator, chromium);
    expect(named.names).toBe(Object.keys(before).length);
    expect(named.images).toBe(counts.service);

    // Every phase the badge goes through, from now on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { phases: string[] }).phases = seen;
      new MutationObserver(() => {
        const phase = document.getElementById('connection')?.getAttribute('data-phase');
        if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
      }).observe(document.getElementById('app')!, { childList: true, subtree: true, attributes: true });
    });
    const phases = (): Promise<string[]> => page.evaluate(() => (window as unknown as { phases: string[] }).phases);

    // A forced disconnect: the socket is destroyed, the next handshake is held, and the world
    // moves on while the page is away.
    emulator.faults.delayHandshakes({ delay: 1500, count: 1 });
    expect(emulator.faults.dropAll()).toBe(1);
    await page.waitForSelector('#connection[data-phase="reconnecting"]', { timeout: 5000 });
    expect(await page.textContent('#connection .title')).toBe('Reconnecting');
    expect(await page.textContent('#connection .detail')).toMatch(/attempt \d+/);
    // At least a few of the events it misses are about what it shows.
    const missed = [...emulator.step(20)];
    while (missed.filter((event) => (KINDS as readonly string[]).includes(event.type)).length < 5) missed.push(...emulator.step(1));
    expect(emulator.connections).toHaveLength(0);

    await page.waitForSelector('#connection[data-phase="live"]', { timeout: 10_000 });
    const seen = await phases();
    expect(seen.indexOf('reconnecting')).toBeGreaterThanOrEqual(0);
    expect(seen.lastIndexOf('live')).toBeGreaterThan(seen.indexOf('reconnecting'));
    // After the resync, it shows the world as it is now, changes made while away included.
    const after = await waitConsistent(emulator, chromium, 'after the reconnect');
    expect(after).not.toEqual(before);
    // Those created while away are named too: by the listing, or fetched once each.
    expect((await waitNamed(emulator, chromium)).names).toBe(Object.keys(after).length);
    const reconnects = await page.$$eval('.stat', (stats) => stats.map((s) => s.textContent ?? '').find((t) => /reconnects?$/.test(t)));
    expect(reconnects).toMatch(/^(1\s*reconnect|[2-9]\d*\s*reconnects)$/);

    // The token: never in the console, the document, or the page's URL.
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    for (const secret of [apiKey, encodeURIComponent(apiKey)]) {
      expect(html).not.toContain(secret);
      expect(chromium.console.join('\n')).not.toContain(secret);
      expect(page.url()).not.toContain(secret);
    }
    // Nothing but a details request for a resource gone by the time it was asked (the REST API's
    // 404, which the browser logs on its own; the page then shows the resource's short id).
    expect(chromium.console.filter((line) => !/^error: Failed to load resource: .*\(Not Found\)$/.test(line))).toEqual([]);

    // The picture for the docs: the world moving again, for a moment.
    emulator.resume();
    await page.waitForTimeout(1500);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  }, 45_000);
});
