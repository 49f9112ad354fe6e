import { exceedsDepth } from './depth'
import type { AckEnvelope } from './types'
import type { ValidateResult } from './validate'
import { VolleyError } from './VolleyError'

/** An ack callback as socket.io passes it to a listener. @internal */
export type AckCallback = (envelope: AckEnvelope) => void

/** Tells whether a value is a promise or promise-like. @internal */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/** Splits socket.io listener arguments into the payload arguments and the ack callback, if any. @internal */
export function splitAck(args: unknown[]): { payloads: unknown[]; ack: AckCallback | undefined } {
  const last = args[args.length - 1]
  if (typeof last === 'function') return { payloads: args.slice(0, -1), ack: last as AckCallback }
  return { payloads: args, ack: undefined }
}

/**
 * Checks the shape of an incoming payload (argument count, nesting depth) before any schema sees it.
 * @returns the error to refuse it with, or `undefined` when it may be validated
 * @internal
 */
export function checkShape(event: string, payloads: unknown[], maxDepth: number): VolleyError | undefined {
  if (payloads.length > 1) {
    return new VolleyError(
      'VALIDATION_FAILED',
      `[volley] "${event}" takes one payload argument, got ${payloads.length}. Send one object instead.`,
    )
  }
  if (exceedsDepth(payloads[0], maxDepth)) {
    return new VolleyError(
      'VALIDATION_FAILED',
      `[volley] The payload of "${event}" nests deeper than ${maxDepth} levels and was refused before validation.`,
    )
  }
  return undefined
}

/** Builds the error for data its schema refused. @internal */
export function invalidData(
  event: string,
  what: string,
  result: ValidateResult<unknown> & { ok: false },
): VolleyError {
  const first = result.issues[0]
  const where = first?.path && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
  return new VolleyError(
    'VALIDATION_FAILED',
    `Invalid ${what} for "${event}"${where}: ${first?.message ?? 'invalid'}`,
    {
      issues: result.issues,
    },
  )
}

/**
 * Calls every handler with a value; the first handler's return value is the answer. Later handlers'
 * failures go to `onFailure` too, so no rejection goes unhandled.
 * @returns the first handler's return value (maybe a promise)
 * @throws what a handler throws synchronously
 * @internal
 */
export function callHandlers(
  handlers: Iterable<(value: unknown) => unknown>,
  value: unknown,
  onFailure: (error: unknown) => void,
): unknown {
  let answer: unknown
  let answered = false
  for (const handler of handlers) {
    const returned = handler(value)
    if (!answered) {
      answer = returned
      answered = true
    } else if (isThenable(returned)) {
      returned.then(undefined, onFailure)
    }
  }
  return answer
}

/**
 * The arguments to send for a payload: none for `undefined` (JSON would turn it into `null` on the way).
 * @internal
 */
export function payloadArgs(payload: unknown): unknown[] {
  return payload === undefined ? [] : [payload]
}
