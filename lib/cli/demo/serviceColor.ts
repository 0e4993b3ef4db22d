import type { Palette } from '../Palette.js';

/**
 * A colour for a service, the same for every line about it, from a hash of its URI. It is
 * never green, yellow or red, which belong to states.
 *
 * @example
 * ```ts
 * serviceColor('/api/app/v1/acme/service/5bcf/', palette)('service 5bcf');
 * ```
 */
export function serviceColor(key: string, palette: Palette): (text: string) => string {
  const colors = [palette.cyan, palette.magenta, palette.blue, palette.cyanBright, palette.magentaBright, palette.blueBright];
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return colors[hash % colors.length]!;
}
