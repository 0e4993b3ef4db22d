/**
 * A formatter of epoch ms as ISO 8601 to the second, as Docker Cloud wrote `datetime`
 * (`2016-02-01T16:47:28Z`). It remembers the last second it formatted, because events come in
 * bursts within one second of world time; each world has its own, so that two worlds (or a
 * world and a test) never share that memo.
 *
 * @internal
 */
export function createSecondFormatter(): (ms: number) => string {
  let lastSecond = NaN;
  let lastText = '';
  return (ms) => {
    const second = Math.floor(ms / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    return lastText;
  };
}
