/** Resolves once `predicate` holds (checked every 20 ms), or rejects after `timeout` ms naming `what`. */
export async function waitFor(predicate: () => boolean, timeout: number, what: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
