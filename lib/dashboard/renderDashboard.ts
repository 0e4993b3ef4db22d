import type { ConnectionView } from './connectionView.js';
import { describeConnection } from './describeConnection.js';
import type { ResourceItem, ServiceGroup, StackGroup } from './groupResources.js';
import { h } from './h.js';
import type { TransitionRow } from './transitionRow.js';

/** Everything the page shows, at one moment. */
export interface DashboardState {
  /** `host:port` of the emulator. */
  readonly host: string;
  readonly namespace: string;
  readonly connection: ConnectionView;
  readonly stacks: readonly StackGroup[];
  readonly feed: readonly TransitionRow[];
  /** Events received live (not made up by a resync). */
  readonly events: number;
  /** When the state is drawn (for countdowns), ms since the epoch. */
  readonly now: number;
}

/**
 * A state badge: its colour says the tone, its text says the state, so that colour is never
 * the only signal. `data-state-of` names the resource it belongs to.
 */
function badge(resource: ResourceItem): HTMLElement {
  return h('span', { class: `state tone-${resource.tone}`, 'data-state-of': resource.key }, resource.state);
}

/**
 * A resource's name (`data-name-of` names the resource), its short id beside it; the short id
 * alone while the name is not known.
 */
function title(resource: ResourceItem): (HTMLElement | false)[] {
  if (resource.name === undefined) return [h('span', { class: 'id', title: resource.key }, resource.shortId)];
  return [
    h('span', { class: 'name', 'data-name-of': resource.key, title: resource.key }, resource.name),
    h('span', { class: 'id muted', title: resource.key }, resource.shortId),
  ];
}

function resourceHead(resource: ResourceItem | undefined, kind: string): HTMLElement {
  if (resource === undefined)
    return h('div', { class: 'head' }, h('span', { class: 'kind' }, kind), h('span', { class: 'id muted' }, 'not listed'));
  return h('div', { class: 'head' }, h('span', { class: 'kind' }, kind), ...title(resource), badge(resource));
}

/** A service's image, once known (`data-image-of` names the service). */
function image(resource: ResourceItem | undefined): HTMLElement | false {
  if (resource?.image === undefined) return false;
  return h('p', { class: 'image small', 'data-image-of': resource.key, title: 'image' }, resource.image);
}

function container(resource: ResourceItem): HTMLElement {
  return h(
    'li',
    { class: `container tone-${resource.tone}`, 'data-uri': resource.key, 'data-type': 'container', title: resource.key },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    ...title(resource),
    badge(resource),
  );
}

function service(group: ServiceGroup): HTMLElement {
  const tone = group.service?.tone ?? 'unknown';
  return h(
    'li',
    { class: `service tone-${tone}`, 'data-uri': group.service?.key, 'data-type': 'service' },
    resourceHead(group.service, 'service'),
    image(group.service),
    group.containers.length === 0
      ? h('p', { class: 'muted small' }, 'no containers')
      : h('ul', { class: 'containers' }, group.containers.map(container)),
  );
}

function stack(group: StackGroup): HTMLElement {
  const containers = group.services.reduce((n, s) => n + s.containers.length, 0);
  return h(
    'article',
    { class: `stack tone-${group.stack?.tone ?? 'unknown'}`, 'data-uri': group.stack?.key, 'data-type': 'stack' },
    resourceHead(group.stack, 'stack'),
    h(
      'p',
      { class: 'muted small' },
      `${group.services.length} service${group.services.length === 1 ? '' : 's'} · ${containers} container${containers === 1 ? '' : 's'}`,
    ),
    h('ul', { class: 'services' }, group.services.map(service)),
  );
}

function change(row: TransitionRow): HTMLElement {
  if (row.endedAfter !== undefined) {
    return h(
      'span',
      { class: 'change' },
      h('span', { class: 'muted' }, `ended after ${plural(row.endedAfter, 'event')}`),
      h('span', { class: 'tag ended' }, 'gone'),
    );
  }
  return h(
    'span',
    { class: 'change' },
    row.from === undefined ? h('span', { class: 'muted' }, 'new') : h('span', { class: 'from' }, row.from),
    h('span', { class: 'arrow', 'aria-label': 'to' }, ' → '),
    h('span', { class: `state tone-${row.tone}` }, row.to),
    row.resync && h('span', { class: 'tag', title: 'found by the resync after a reconnect' }, 'resync'),
  );
}

function feedRow(row: TransitionRow): HTMLElement {
  const time = row.datetime === undefined ? '' : row.datetime.slice(11, 19);
  return h(
    'li',
    { class: 'row' },
    h('span', { class: 'time' }, time),
    h(
      'span',
      { class: 'what' },
      h('span', { class: 'kind' }, row.type),
      ' ',
      row.name === undefined ? h('span', { class: 'id' }, row.shortId) : h('span', { class: 'name', title: row.shortId }, row.name),
    ),
    change(row),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function stat(value: number, singular: string, pluralWord = `${singular}s`): HTMLElement {
  return h('div', { class: 'stat' }, h('b', {}, String(value)), h('span', {}, value === 1 ? singular : pluralWord));
}

/**
 * Draws the whole page into `root` from `state`: the connection badge, the counts, the
 * resources by stack and service, and the latest transitions.
 *
 * @example
 * ```ts
 * renderDashboard(document.getElementById('app')!, state);
 * ```
 */
export function renderDashboard(root: HTMLElement, state: DashboardState): void {
  const { connection } = state;
  const text = describeConnection(connection, state.now);
  const services = state.stacks.reduce((n, s) => n + s.services.filter((g) => g.service !== undefined).length, 0);
  const containers = state.stacks.reduce((n, s) => n + s.services.reduce((m, g) => m + g.containers.length, 0), 0);
  const stacks = state.stacks.filter((s) => s.stack !== undefined).length;

  const header = h(
    'header',
    { class: 'top' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }),
      h('h1', {}, 'dockercloud-rx'),
      h('span', { class: 'sub' }, 'live dashboard'),
    ),
    h('div', { class: 'where' }, 'namespace ', h('b', {}, state.namespace), ` · ${state.host}`),
    h(
      'div',
      { id: 'connection', class: `connection phase-${connection.phase}`, 'data-phase': connection.phase, role: 'status' },
      h('span', { class: 'pulse', 'aria-hidden': 'true' }),
      h('span', { class: 'title' }, text.title),
      h('span', { class: 'detail' }, text.detail),
    ),
  );
  const stats = h(
    'section',
    { class: 'stats', 'aria-label': 'Counts' },
    stat(stacks, 'stack'),
    stat(services, 'service'),
    stat(containers, 'container'),
    stat(state.events, 'live event'),
    stat(connection.reconnects, 'reconnect'),
    stat(connection.lists, 'REST listing'),
  );
  const resources = h(
    'section',
    { class: 'stacks', 'aria-label': 'Resources by stack and service' },
    state.stacks.length === 0
      ? h('p', { class: 'empty' }, connection.phase === 'live' ? 'No stacks, services or containers.' : 'Waiting for the first listing…')
      : state.stacks.map(stack),
  );
  const feed = h(
    'aside',
    { class: 'feed', 'aria-label': 'Latest transitions' },
    h('h2', {}, 'Latest transitions'),
    state.feed.length === 0
      ? h('p', { class: 'muted small' }, 'None yet: they appear as the stream brings them.')
      : h('ol', {}, state.feed.map(feedRow)),
  );
  root.replaceChildren(header, stats, h('main', { class: 'layout' }, resources, feed));
}
