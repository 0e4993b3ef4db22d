import type { ResourceType } from '../model/ResourceType.js';
import type { WorldResource } from './WorldResource.js';

/**
 * Read access to the emulator's world as it stands after the events sent so far: what the
 * REST API serves, without HTTP.
 *
 * @example
 * ```ts
 * emulator.step(50);
 * for (const container of emulator.world.resources('container')) console.log(container.resource_uri, container.state);
 * ```
 */
export interface EmulatorWorld {
  /** The namespace every resource URI names. */
  readonly namespace: string;
  /** Events emitted so far. */
  readonly eventCount: number;
  /** The simulated clock (the `datetime` of the last event); a replay's last `datetime`. */
  readonly datetime: string | undefined;
  /** The resources of a kind, as listed by REST: oldest first, `Terminated` ones left out. */
  resources(type: ResourceType): readonly WorldResource[];
  /** The resource a URI (in any form) names, as `GET <resource_uri>` returns it; `undefined` once deleted. */
  get(uri: string): WorldResource | undefined;
  /** How many resources of each kind are listed. */
  counts(): Readonly<Record<ResourceType, number>>;
}
