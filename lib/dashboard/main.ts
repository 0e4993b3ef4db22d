// The dashboard page's entry, bundled by scripts/build.mjs into dist/dashboard/dashboard.js and
// served by the emulator at /dashboard/. It gets its credentials from the emulator serving it
// and keeps them in memory: never in the URL, the page, storage or the console.
import { fetchSession } from './DashboardSession.js';
import { h } from './h.js';
import { startDashboard } from './startDashboard.js';

const root = document.getElementById('app')!;

fetchSession(new URL('session', location.href).href).then(
  (session) => startDashboard(root, session, location),
  (error: unknown) => {
    root.replaceChildren(
      h(
        'div',
        { class: 'failure', role: 'alert' },
        h('h1', {}, 'The dashboard cannot start'),
        h('p', {}, error instanceof Error ? error.message : 'unknown error'),
      ),
    );
  },
);
