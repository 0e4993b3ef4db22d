import { closeAllProbes } from './probe.js';
import { closeAllServers } from './server.js';

export * from './probe.js';
export * from './server.js';

/**
 * Unsubscribes every probe, closes every server, then checks that no status or error of the
 * test carried a credential. Every integration spec runs it in `afterEach`.
 */
export async function cleanUp(): Promise<void> {
  let leaks: string[];
  try {
    leaks = closeAllProbes();
  } finally {
    await closeAllServers();
  }
  expect(leaks).toEqual([]);
}
