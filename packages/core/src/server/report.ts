import type { VolleyError } from '../VolleyError'
import type { ServerConfig, ServerErrorContext } from './types'

/** Logs a failure (unless `log` is false) and hands it to `onError`; never throws. @internal */
export function report(
  config: ServerConfig,
  error: VolleyError,
  context: ServerErrorContext,
  log = true,
): void {
  try {
    if (!log) {
      config.onError?.(error, context)
      return
    }
    const where = context.event === undefined ? context.phase : `${context.phase} "${context.event}"`
    const who = context.socket === undefined ? '' : ` from socket ${context.socket.id}`
    const cause = error.cause === undefined ? [] : [error.cause]
    if (error.code === 'HANDLER_ERROR')
      config.logger.error(`[volley] ${where}${who}: ${error.message}`, ...cause)
    else
      config.logger.warn(
        `[volley] ${where}${who}: ${error.code}: ${error.message}`,
        ...(error.issues ? [error.issues] : []),
      )
    config.onError?.(error, context)
  } catch {
    // A failing logger or hook must not take the server down.
  }
}
