import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Schema, VolleyIssue } from './types'

/** The result of `validate`: the parsed value, or the issues that refused it. */
export type ValidateResult<TOutput> =
  | { readonly ok: true; readonly value: TOutput }
  | { readonly ok: false; readonly issues: readonly VolleyIssue[] }

function toPathSegment(segment: PropertyKey | StandardSchemaV1.PathSegment): string | number {
  const key = typeof segment === 'object' ? segment.key : segment
  return typeof key === 'number' ? key : String(key)
}

/** Turns Standard Schema issues into Volley's (paths flattened to strings and numbers). @internal */
export function toIssues(issues: readonly StandardSchemaV1.Issue[]): VolleyIssue[] {
  return issues.map((issue) =>
    issue.path && issue.path.length > 0
      ? { message: issue.message, path: Array.from(issue.path, toPathSegment) }
      : { message: issue.message },
  )
}

function toResult<TOutput>(result: StandardSchemaV1.Result<TOutput>): ValidateResult<TOutput> {
  if (result.issues === undefined) return { ok: true, value: result.value }
  return { ok: false, issues: toIssues(result.issues) }
}

/**
 * Runs a Standard Schema validator. Synchronous schemas answer synchronously (no promise, no extra tick),
 * asynchronous ones with a promise.
 *
 * @example
 * const result = validate(schema, data)
 * if (result instanceof Promise) ... else if (result.ok) use(result.value)
 * @param schema - any Standard Schema v1 validator
 * @param value - untrusted data
 * @returns the parsed value or the issues, with paths flattened to strings and numbers
 */
export function validate<TSchema extends Schema>(
  schema: TSchema,
  value: unknown,
):
  | ValidateResult<StandardSchemaV1.InferOutput<TSchema>>
  | Promise<ValidateResult<StandardSchemaV1.InferOutput<TSchema>>> {
  const result = schema['~standard'].validate(value) as
    | StandardSchemaV1.Result<StandardSchemaV1.InferOutput<TSchema>>
    | Promise<StandardSchemaV1.Result<StandardSchemaV1.InferOutput<TSchema>>>
  return result instanceof Promise ? result.then(toResult) : toResult(result)
}

/**
 * Tells whether a value is a Standard Schema v1 validator.
 *
 * @example
 * if (!isSchema(definition.payload)) throw new TypeError('payload must be a zod/valibot/arktype schema')
 * @param value - anything
 * @returns `true` when `value['~standard'].validate` is a function
 */
export function isSchema(value: unknown): value is Schema {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const standard = (value as { '~standard'?: { validate?: unknown } })['~standard']
  return typeof standard === 'object' && standard !== null && typeof standard.validate === 'function'
}
