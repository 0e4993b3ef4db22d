// What the module-level state of lib/ buys. bench/moduleState/run.mjs bundles this file once
// per variant (lib/ with its module-level state, and without each piece of it), loads every
// bundle into one process, and times the variants' workloads in turn, round after round, so
// that they share the machine's load.
//
// - resourceKey's memo: the consumer pipeline of the benchmarks ('full': ofType, underParent,
//   stateTransitions and groupByResource over a share), and resourceView, over freshly decoded
//   frames (each run decodes again, so every URI is a fresh string, as off a socket), and the
//   decoding alone.
// - scanResourceUri's scratch arrays: normalizeResourceUri over the URIs of the frames.
// - scrubSecrets' cache (gone): a line scrubbed by a scrubber kept by its owner, and by one built per call.

import { count, lastValueFrom } from 'rxjs';
import { scrubSecrets, secretsOf } from '../../lib/cli/scrubSecrets.js';
import { createScrubber } from '../../lib/credentials/createScrubber.js';
import { resourceView } from '../../lib/operators/resourceView.js';
import { normalizeResourceUri } from '../../lib/uri/normalizeResourceUri.js';
import { decodedFrames, consumerPipeline, type Rejections } from '../pipelines.js';
import { recordFrames } from '../recordEvents.js';

/** One workload: runs it once, and says how many items it went through. */
export type Workload = () => Promise<number> | number;

export { recordFrames };

/** The workloads of this variant over `frames`, each a flat string as off a socket. */
export function workloads(frames: readonly string[], clusterUri: string): Record<string, Workload> {
  const rejections: Rejections = { count: 0, last: undefined };
  // Fresh strings each run, as the socket gives: V8 caches a string's hash on the string.
  const decoded = () => decodedFrames(frames.length, (i) => Buffer.from(frames[i]!).toString('utf8'), rejections);
  const uris = frames.map((frame) => /"resource_uri":"([^"]*)"/.exec(frame)?.[1] ?? '');
  const secrets = secretsOf({
    DOCKERCLOUD_USER: 'me',
    DOCKERCLOUD_APIKEY: 'k3y/value-0123456789abcdef',
    DOCKERCLOUD_AUTH: 'Basic bWU6azN5L3ZhbHVl',
  });
  const lines = frames.slice(0, 2_000);
  return {
    decode: async () => (await lastValueFrom(decoded().pipe(count())), frames.length),
    full: async () => (await lastValueFrom(decoded().pipe(consumerPipeline('full', clusterUri), count())), frames.length),
    resourceView: async () => (await lastValueFrom(decoded().pipe(resourceView(), count())), frames.length),
    normalizeResourceUri: () => {
      let length = 0;
      for (const uri of uris) length += normalizeResourceUri(Buffer.from(uri).toString('utf8')).length;
      return length > 0 ? uris.length : 0;
    },
    // As a Terminal scrubs: one scrubber, built once, for every line.
    scrubKept: () => {
      const scrub = createScrubber(secrets);
      for (const line of lines) scrub(line);
      return lines.length;
    },
    // As `scrubSecrets` does: a scrubber built for each text.
    scrubBuiltPerCall: () => {
      for (const line of lines) scrubSecrets(line, secrets);
      return lines.length;
    },
  };
}
