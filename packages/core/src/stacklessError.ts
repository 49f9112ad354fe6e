import { VolleyError, type VolleyErrorCode, type VolleyErrorOptions } from './VolleyError'

/**
 * Builds a `VolleyError` without capturing a stack trace: for refusals of what arrived over the wire
 * (invalid payload, unknown event, rate limited, too large), where a stack says nothing useful and costs
 * about ten times the rest of the refusal. Local programming errors keep their stacks. @internal
 *
 * @param code - the error code
 * @param message - already bounded (see `bounded.ts`)
 * @param options - `issues`, `cause`
 * @returns the error, whose `stack` is only its first line
 */
export function stacklessError(
  code: VolleyErrorCode,
  message: string,
  options?: VolleyErrorOptions,
): VolleyError {
  return withoutStack(() => new VolleyError(code, message, options))
}

/** Runs `create` with stack traces off: errors it builds have no frames. @internal */
export function withoutStack<T>(create: () => T): T {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return create()
  } finally {
    Error.stackTraceLimit = limit
  }
}
