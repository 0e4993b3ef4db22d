/** Attributes of {@link h}: `class`, `data-*`, `aria-*`, `title`, `role`… as strings. */
export type Attributes = Readonly<Record<string, string | undefined>>;

/** A child of {@link h}: an element, text, or nothing. */
export type Child = Node | string | undefined | false;

/**
 * Makes an element: the dashboard's whole DOM toolkit. Text children become text nodes, never
 * HTML, so nothing shown can inject markup.
 *
 * @example
 * ```ts
 * h('span', { class: 'badge tone-good' }, 'Running');
 * ```
 */
export function h(tag: string, attributes: Attributes = {}, ...children: (Child | readonly Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
