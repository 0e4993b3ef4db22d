/**
 * What the REST API says of one resource, beyond what its events carry: the top-level fields
 * of its REST object (`GET` of its `resource_uri`) that hold a string, a number, a boolean or
 * `null`, as Docker Cloud named them. Nested fields (`container_ports`, `envvars`…) are left
 * out: what a person reads of a resource is its name, image, node and the like, and a flat,
 * frozen record is cheap to keep and safe to print whatever a server nests.
 *
 * The fields a person reads are typed; any other scalar field is there too, as `unknown`. A
 * field of the wrong type (a `name` that is a number) is left out. A credential a server
 * echoes in a field is removed from it, as from every text the library reports.
 *
 * @example
 * ```ts
 * const service: ResourceDetails = {
 *   resource_uri: '/api/app/v1/acme/service/5bcf/',
 *   uuid: '5bcf',
 *   name: 'web',
 *   image_name: 'nginx:1.25',
 *   state: 'Running',
 * };
 * ```
 * @see {@link createDetailsCache}, {@link DetailsCache}
 */
export interface ResourceDetails {
  /** The resource's URI, as its REST object gives it (else as the event gave it). */
  readonly resource_uri: string;
  /** Its uuid. */
  readonly uuid?: string;
  /** Its name: a stack's or service's (`web`), a container's (`web-1`), a node cluster's. */
  readonly name?: string;
  /** A service's or container's image (`nginx:1.25`). */
  readonly image_name?: string;
  /** A node's public host name. */
  readonly external_fqdn?: string;
  /** Its state when the REST API answered (the stream's is newer). */
  readonly state?: string;
  /** Any other scalar field of the REST object. */
  readonly [field: string]: unknown;
}

/** The fields typed as strings in {@link ResourceDetails}: any other type is left out. */
const STRING_FIELDS = new Set(['resource_uri', 'uuid', 'name', 'image_name', 'external_fqdn', 'state']);

/**
 * Reads a REST object into {@link ResourceDetails}: its scalar top-level fields, every string
 * passed through `scrub`, frozen. `undefined` when `body` is not an object. `previous`, what an
 * earlier listing said of the resource, is returned itself when the object says the same (a
 * resync mostly lists resources that did not change): nothing is scrubbed or made. Internal.
 *
 * @internal
 * @example
 * ```ts
 * readDetails({ name: 'web', envvars: [] }, '/api/app/v1/acme/service/5bcf/', (s) => s);
 * // { resource_uri: '/api/app/v1/acme/service/5bcf/', name: 'web' }
 * ```
 */
export function readDetails(
  body: unknown,
  uri: string,
  scrub: (text: string) => string,
  previous?: ResourceDetails,
): ResourceDetails | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const object = body as Record<string, unknown>;
  if (previous !== undefined && unchanged(object, previous)) return previous;
  const details: Record<string, unknown> = {};
  for (const field in object) {
    // Own fields only; `__proto__` as an own key of parsed JSON must not become the prototype of the record.
    if (!Object.prototype.hasOwnProperty.call(object, field) || field === '__proto__') continue;
    const value = object[field];
    if (typeof value === 'string') details[field] = scrub(value);
    else if (STRING_FIELDS.has(field)) continue;
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') details[field] = value;
  }
  if (typeof details['resource_uri'] !== 'string' || details['resource_uri'] === '') details['resource_uri'] = uri;
  return Object.freeze(details) as ResourceDetails;
}

/**
 * Whether `object` reads as `previous`: the same scalar fields with the same values. A string is
 * compared with what was kept of it, scrubbed: one with `***` in it is read again, as the
 * scrubbed text of another.
 */
function unchanged(object: Record<string, unknown>, previous: ResourceDetails): boolean {
  let fields = 0;
  for (const field in object) {
    if (!Object.prototype.hasOwnProperty.call(object, field) || field === '__proto__') continue;
    const value = object[field];
    if (typeof value === 'string') {
      if (value !== previous[field] || value.includes('***')) return false;
    } else if (STRING_FIELDS.has(field) || !(value === null || typeof value === 'number' || typeof value === 'boolean')) continue;
    else if (value !== previous[field]) return false;
    fields += 1;
  }
  let held = 0;
  for (const field in previous) if (Object.prototype.hasOwnProperty.call(previous, field)) held += 1;
  return fields === held && typeof object['resource_uri'] === 'string' && object['resource_uri'] !== '';
}
