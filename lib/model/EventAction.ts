import * as t from 'io-ts';

/**
 * What happened to the resource: `create`, `update` or `delete`.
 *
 * @example
 * ```ts
 * EventAction.is('delete'); // true
 * ```
 */
export const EventAction = /* @__PURE__ */ t.keyof({ create: null, update: null, delete: null }, 'EventAction');
/** One of `create`, `update`, `delete`. */
export type EventAction = t.TypeOf<typeof EventAction>;
