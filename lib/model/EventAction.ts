import { keyofList } from './keyofList.js';
import { EVENT_ACTIONS } from './vocabulary.js';

/**
 * What happened to the resource: `create`, `update` or `delete`.
 *
 * @example
 * ```ts
 * EventAction.is('delete'); // true
 * ```
 */
export const EventAction = /* @__PURE__ */ keyofList(EVENT_ACTIONS, 'EventAction');
/** One of `create`, `update`, `delete`. */
export type EventAction = (typeof EVENT_ACTIONS)[number];
