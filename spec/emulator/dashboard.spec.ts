// The emulator's dashboard routes over plain HTTP: the page, and the session that hands the
// credentials to that page only.
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEmulatorError, startEmulator, type Emulator } from '../../lib/emulator/index.js';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A raw GET (or another method), with exactly the headers given (Host included). */
function get(emulator: Emulator, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard routes', () => {
  let dir: string;
  let emulator: Emulator;

  beforeAll(async () => {
    // A stand-in build, so that these specs do not depend on `npm run build`.
    dir = mkdtempSync(join(tmpdir(), 'dockercloud-rx-dashboard-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>test page</title>');
    writeFileSync(join(dir, 'dashboard.js'), 'console.log(1)');
    writeFileSync(join(dir, 'dashboard.css'), 'body{}');
    emulator = await startEmulator({ paused: true, dashboard: { dir } });
  });

  afterAll(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a URL without credentials', () => {
    expect(emulator.dashboardUrl).toBe(`http://127.0.0.1:${emulator.port}/dashboard/`);
    expect(emulator.dashboardUrl).not.toContain(emulator.credentials.apiKey);
  });

  it('serves the page and its files with a strict content security policy', async () => {
    const page = await get(emulator, '/dashboard/');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><title>test page</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${emulator.port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get(emulator, '/dashboard/dashboard.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(emulator, '/dashboard/dashboard.css')).body).toBe('body{}');
    const bare = await get(emulator, '/dashboard');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/dashboard/');
    expect((await get(emulator, '/dashboard/../package.json')).status).toBe(404);
    expect((await get(emulator, '/dashboard/secret.txt')).status).toBe(404);
    expect((await get(emulator, '/dashboard/', {}, 'POST')).status).toBe(405);
  });

  it("hands the credentials to its own page: same origin, a loopback client, the emulator's own host name", async () => {
    const session = await get(emulator, '/dashboard/session', { 'Sec-Fetch-Site': 'same-origin' });
    expect(session.status).toBe(200);
    const { user, apiKey, namespace } = emulator.credentials;
    expect(JSON.parse(session.body)).toEqual({ user, apiKey, namespace });
    expect(session.headers['cache-control']).toBe('no-store');
    expect(session.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(emulator, '/dashboard/session', { Host: `localhost:${emulator.port}` })).status).toBe(200);
  });

  it("refuses them to another site, and to a host name that is not the emulator's (DNS rebinding)", async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      const refused = await get(emulator, '/dashboard/session', { 'Sec-Fetch-Site': site });
      expect(refused.status).toBe(403);
      expect(refused.body).not.toContain(emulator.credentials.apiKey);
    }
    const rebound = await get(emulator, '/dashboard/session', { Host: `attacker.example:${emulator.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(emulator.credentials.apiKey);
    expect((await get(emulator, '/dashboard/session', { Host: '127.0.0.1:1' })).status).toBe(421);
  });

  it('is not there unless asked for', async () => {
    const plain = await startEmulator({ paused: true });
    try {
      expect(plain.dashboardUrl).toBeUndefined();
      expect((await get(plain, '/dashboard/')).status).toBe(404);
      expect((await get(plain, '/dashboard/session')).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it('refuses to start when the built page is not where it is said to be', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dockercloud-rx-dashboard-'));
    try {
      const failure: unknown = await startEmulator({ dashboard: { dir: empty } }).catch((error: unknown) => error);
      expect(isEmulatorError(failure) && failure.kind === 'options' && failure.option).toBe('dashboard.dir');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
