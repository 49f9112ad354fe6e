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
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return new VolleyError(code, message, options)
  } finally {
    Error.stackTraceLimit = limit
  }
}
