import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardAssets } from './DashboardAssets.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';
import { respondJson } from './respond.js';

/** Where the dashboard lives on the emulator's port. */
export const DASHBOARD_PATH = '/dashboard/';

/**
 * What serving the dashboard needs: its files, the port, the host the emulator listens on,
 * and the credentials (read at each request, so a rotation is seen by the next page load).
 *
 * @internal
 */
export interface DashboardContext {
  readonly assets: DashboardAssets;
  readonly host: string;
  readonly port: number;
  readonly credentials: () => EmulatorCredentials;
}

const TYPES = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

const LOOPBACK_ADDRESS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

function hostNames(host: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(host.includes(':') ? `[${host}]` : host);
  return names;
}

/**
 * The page's headers: it may load only its own script and style, and talk only to its own
 * origin (the stream and REST of the emulator serving it).
 */
function pageHeaders(type: string, host: string): Record<string, string> {
  return {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src 'self' ws://${host}`,
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}

/**
 * Answers the requests under `/dashboard`: the page and its two files, and `session`, the
 * credentials the page streams with. Returns `false` for any other path.
 *
 * The credentials are handed only to the page itself: to a client on this machine (a loopback
 * address), which named the emulator by a loopback name or its own host in `Host` (no DNS
 * rebinding), and, when the browser says where the request comes from (`Sec-Fetch-Site`),
 * from the same origin. The answer carries no CORS header, so no other origin can read it, and
 * is never cached.
 *
 * @internal
 */
export function serveDashboard(req: IncomingMessage, res: ServerResponse, url: URL, context: DashboardContext): boolean {
  const path = url.pathname;
  if (path !== '/dashboard' && !path.startsWith(DASHBOARD_PATH)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    respondJson(res, 405, { error: `Method ${req.method ?? ''} not allowed` }, { Allow: 'GET, HEAD' });
    return true;
  }
  const hostHeader = req.headers.host ?? '';
  const allowed = [...hostNames(context.host)].map((name) => `${name}:${context.port}`);
  if (!allowed.includes(hostHeader.toLowerCase())) {
    respondJson(res, 421, { error: "The dashboard answers only to the emulator's own host names" });
    return true;
  }
  if (path === '/dashboard') {
    res.writeHead(308, { Location: DASHBOARD_PATH, 'Content-Length': 0 });
    res.end();
    return true;
  }
  const file = path.slice(DASHBOARD_PATH.length) || 'index.html';
  if (file === 'session') {
    answerSession(req, res, context);
    return true;
  }
  if (!(file in TYPES)) {
    respondJson(res, 404, { error: 'Not found' });
    return true;
  }
  const name = file as keyof typeof TYPES;
  const body = context.assets.files[name];
  res.writeHead(200, { ...pageHeaders(TYPES[name], hostHeader), 'Content-Length': body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function answerSession(req: IncomingMessage, res: ServerResponse, context: DashboardContext): void {
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Resource-Policy': 'same-origin' };
  if (!LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '')) {
    respondJson(res, 403, { error: 'The dashboard hands its credentials only to a browser on this machine' }, headers);
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    respondJson(res, 403, { error: 'The dashboard hands its credentials only to its own page' }, headers);
    return;
  }
  const { user, apiKey, namespace } = context.credentials();
  respondJson(res, 200, { user, apiKey, namespace }, headers);
}
