import { quote } from '../bounded'
import type { VolleyError } from '../VolleyError'
import { countRefusal } from './refuse'
import { connectionId } from './shield'
import type { ServerConfig, ServerErrorContext } from './types'

/**
 * Logs a failure and hands it to `onError`; never throws. Failures of a socket are logged through its
 * episode (see `RefusalLog`): the first of each kind at once, repeats counted and summarized. `log: false`
 * only calls `onError`. @internal
 */
export function report(
  config: ServerConfig,
  error: VolleyError,
  context: ServerErrorContext,
  log = true,
): void {
  try {
    // A refusal reported here (Volley's protocol events refuse through `report`) counts towards escalation;
    // once the socket was disconnected for refusals, what it still had in flight is not logged again.
    const state =
      context.phase === 'event' && context.socket ? config.shield.sockets.get(context.socket.raw) : undefined
    if (log && state?.kicked !== true) {
      const { code } = error
      const event = context.event === undefined ? undefined : quote(context.event)
      const where = event === undefined ? context.phase : `${context.phase} ${event}`
      const socket = context.socket
      // Handshake failures belong to the connection (each CONNECT attempt is a new socket), the others
      // to the socket; handler failures are told apart by event.
      const owner =
        socket === undefined ? undefined : context.phase === 'handshake' ? socket.raw.conn : socket.raw
      const kind = context.phase === 'handshake' ? 'connection' : 'socket'
      const id = socket === undefined ? '' : kind === 'connection' ? connectionId(socket.raw) : socket.id
      const first =
        owner === undefined ||
        config.shield.log.note(
          owner,
          context.phase === 'handler' ? `${code} ${where}` : code,
          kind,
          id,
          kind === 'socket' ? 'disconnect' : 'close',
        )
      if (first) {
        const who = socket === undefined ? '' : ` from ${kind} ${id}`
        if (code === 'HANDLER_ERROR')
          config.shield.log.write('error', `[volley] ${where}${who}: ${error.message}`, error.cause)
        else config.shield.log.write('warn', `[volley] ${where}${who}: ${code}: ${error.message}`)
      }
    }
    if (state !== undefined) countRefusal(state)
    config.onError?.(error, context)
  } catch {
    // A failing logger or hook must not take the server down.
  }
}
