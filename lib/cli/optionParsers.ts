import { InvalidArgumentError } from 'commander';
import { isResourceType } from '../model/isResourceType.js';
import type { ResourceType } from '../model/ResourceType.js';
import { RESOURCE_TYPES } from '../model/vocabulary.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

// Argument parsers for commander options: each either returns the value or throws an
// InvalidArgumentError, which commander reports as a usage error.

function split(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Collects a repeatable option whose values may also be comma-separated:
 * `--type container --type service` and `--type container,service` give the same list.
 *
 * @example
 * ```ts
 * new Option('--type <types>').argParser(collectList).default([]);
 * ```
 */
export function collectList(value: string, previous: readonly string[] = []): string[] {
  const parts = split(value);
  if (parts.length === 0) throw new InvalidArgumentError('expected a value.');
  return [...previous, ...parts];
}

/**
 * {@link collectList} for event types: each one must be a resource type.
 *
 * @example
 * ```ts
 * collectTypes('container,service'); // ['container', 'service']
 * ```
 */
export function collectTypes(value: string, previous: readonly ResourceType[] = []): ResourceType[] {
  const parts = collectList(value, []);
  const bad = parts.find((part) => !isResourceType(part));
  if (bad !== undefined) throw new InvalidArgumentError(`unknown type "${bad}" (expected ${RESOURCE_TYPES.join(', ')}).`);
  return [...previous, ...parts.filter(isResourceType)];
}

/**
 * {@link collectList} for resource URIs (`/api/app/v1/<namespace>/<kind>/<uuid>/` and the
 * other forms `parseResourceUri` reads).
 *
 * @example
 * ```ts
 * collectUris('/api/app/v1/acme/service/5bcf/'); // ['/api/app/v1/acme/service/5bcf/']
 * ```
 */
export function collectUris(value: string, previous: readonly string[] = []): string[] {
  const parts = collectList(value, []);
  const bad = parts.find((part) => {
    const ref = parseResourceUri(part);
    return ref === undefined || ref.uuid === '' || !isResourceType(ref.kind);
  });
  if (bad !== undefined) throw new InvalidArgumentError(`"${bad}" is not a resource URI (e.g. /api/app/v1/<namespace>/service/<uuid>/).`);
  return [...previous, ...parts];
}

/**
 * A whole number >= 1.
 *
 * @example
 * ```ts
 * positiveInteger('10'); // 10
 * ```
 */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1.');
  return n;
}

/**
 * A whole number >= 0.
 *
 * @example
 * ```ts
 * nonNegativeInteger('0'); // 0
 * ```
 */
export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number >= 0.');
  return n;
}

/**
 * A duration in seconds (decimals allowed, > 0), returned in milliseconds.
 *
 * @example
 * ```ts
 * seconds('2.5'); // 2500
 * ```
 */
export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0.');
  return Math.round(n * 1000);
}

/**
 * A duration in seconds that may be 0 (to turn something off), returned in milliseconds.
 *
 * @example
 * ```ts
 * secondsOrZero('0'); // 0
 * ```
 */
export function secondsOrZero(value: string): number {
  return value.trim() === '0' ? 0 : seconds(value);
}

/**
 * An emulator rate: events per second (> 0), or `max`.
 *
 * @example
 * ```ts
 * rate('max'); // 'max'
 * ```
 */
export function rate(value: string): number | 'max' {
  if (value.trim() === 'max') return 'max';
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected events per second (> 0) or "max".');
  return n;
}

/**
 * A replay speed: `recorded` (the recorded gaps), `max`, or a factor > 0 (`2` is twice as fast).
 *
 * @example
 * ```ts
 * speed('2'); // 2
 * ```
 */
export function speed(value: string): 'recorded' | 'max' | number {
  const v = value.trim();
  if (v === 'recorded' || v === 'max') return v;
  const n = Number(v);
  if (v === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected "recorded", "max" or a factor > 0.');
  return n;
}

/**
 * A probability in [0, 1].
 *
 * @example
 * ```ts
 * probability('0.05'); // 0.05
 * ```
 */
export function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number between 0 and 1.');
  return n;
}

/**
 * A seed: a number when it reads as one, else the string.
 *
 * @example
 * ```ts
 * seed('42'); // 42
 * seed('demo'); // 'demo'
 * ```
 */
export function seed(value: string): number | string {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}
