import * as t from 'io-ts';
import type { FieldProblem } from './FieldProblem.js';

/** A JSON object: what every message on the wire is. */
export type JsonRecord = { readonly [key: string]: unknown };

/** Whether `u` is a plain object (not an array, not null). */
export function isRecord(u: unknown): u is JsonRecord {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}

/**
 * A validation failure for the field `key` of `input`, so that error reports name the path
 * (`parents.2`) and say what was expected there.
 */
export function fieldFailure<A>(
  context: t.Context,
  key: string,
  decoder: t.Decoder<unknown, unknown>,
  actual: unknown,
  message: string,
): t.Validation<A> {
  return t.failure(actual, t.appendContext(context, key, decoder, actual), message);
}

/**
 * The io-ts failure of a {@link FieldProblem} found by one of the readers, under `context`: the
 * path of its errors is the problem's field.
 */
export function problemFailure<A>(context: t.Context, decoder: t.Decoder<unknown, unknown>, problem: FieldProblem): t.Validation<A> {
  if (problem.key === '') return t.failure(problem.actual, context, problem.message);
  return fieldFailure(context, problem.key, decoder, problem.actual, problem.message);
}

/** Reads an optional string field; `null` counts as absent, as JSON servers often send it. */
export function optionalString(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : false;
}

/** Whether a validation succeeded (read off the tag, so that no fp-ts module is loaded). */
export function isValid(validation: t.Validation<unknown>): boolean {
  return validation._tag === 'Right';
}
