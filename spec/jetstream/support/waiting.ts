// Waiting on real servers and processes in the JetStream specs: polls, with a deadline that
// names what was waited for.

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds; past `timeout` ms, fails naming `what` and `detail()`. */
export async function until(what: string, condition: () => boolean, timeout = 30_000, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail() === '' ? '' : `\n${detail()}`}`);
    await sleep(25);
  }
}
