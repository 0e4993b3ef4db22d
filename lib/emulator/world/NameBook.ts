// The names of the simulated account's resources, as a person would have chosen them.
// Internal: not exported from a barrel.

import type { Random } from '../createRandom.js';

/** Stack names a team would give: the application each stack runs. */
const STACK_NAMES = [
  'shop-stack',
  'blog',
  'payments',
  'wiki',
  'chat-app',
  'analytics',
  'mail-relay',
  'auth',
  'inventory',
  'status-page',
  'docs-site',
  'crm',
  'media-store',
  'jobs',
  'forum',
  'search-stack',
];

/** A service's role and the image it runs, as Docker Cloud's `image_name` spelt it. */
const SERVICES: readonly (readonly [role: string, image: string])[] = [
  ['web', 'tutum/hello-world:latest'],
  ['redis', 'redis:3'],
  ['worker', 'python:2.7'],
  ['db', 'postgres:9.5'],
  ['lb', 'dockercloud/haproxy:1.5'],
  ['api', 'node:6'],
  ['queue', 'rabbitmq:3.6'],
  ['cache', 'memcached:1.4'],
  ['search', 'elasticsearch:2.3'],
  ['nginx', 'nginx:1.11'],
  ['cron', 'alpine:3.4'],
  ['mongo', 'mongo:3.2'],
];

/** Node cluster names: what the machines are for. */
const CLUSTER_NAMES = ['production', 'staging', 'build', 'backend', 'edge', 'batch', 'sandbox', 'ops'];

/**
 * Hands out names for the resources the simulation creates: stack names, service names with
 * their images, node cluster names. Each is unique among the names `taken` (those of the
 * resources still present in the namespace): a name already in use gets a prefix or a number,
 * as a person would add one.
 *
 * It draws from its own seeded {@link Random}, not the simulation's: choosing a name never
 * moves the sequence of events, uuids and times a seed gives, so that names can change without
 * changing the events (which carry no names).
 *
 * @internal
 */
export class NameBook {
  constructor(private readonly random: Random) {}

  /** A stack name not in `taken`: one of the list while some are free, then numbered. */
  stack(taken: ReadonlySet<string>): string {
    return this.choose(STACK_NAMES, taken);
  }

  /**
   * A service of stack `stackName`: a role the stack has not got yet (any, once it has them
   * all), named after the role when no other service of the namespace has that name, else
   * `<stack>-<role>` (`blog-web`).
   */
  service(
    stackName: string,
    rolesInStack: ReadonlySet<string>,
    taken: ReadonlySet<string>,
  ): { readonly role: string; readonly name: string; readonly image: string } {
    const free = SERVICES.filter(([role]) => !rolesInStack.has(role));
    const [role, image] = this.random.pick(free.length > 0 ? free : SERVICES);
    const name = taken.has(role) ? unique(`${stackName.replace(/-stack$/, '')}-${role}`, taken) : role;
    return { role, name, image };
  }

  /** A node cluster name not in `taken`: one of the list while some are free, then numbered. */
  cluster(taken: ReadonlySet<string>): string {
    return this.choose(CLUSTER_NAMES, taken);
  }

  private choose(names: readonly string[], taken: ReadonlySet<string>): string {
    const free = names.filter((name) => !taken.has(name));
    return free.length > 0 ? this.random.pick(free) : unique(this.random.pick(names), taken);
  }
}

/** `base`, or `base-2`, `base-3`… the first that is not taken. */
function unique(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
