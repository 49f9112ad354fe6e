import { quote } from '../bounded'
import { dispatchIncoming, type IncomingEvent } from '../incoming'
import type { Closable, RefusalLog } from '../refusalLog'
import type { EventDefinition } from '../types'
import type { VolleyError } from '../VolleyError'

/** Settings the client's incoming path needs. @internal */
export interface IncomingConfig {
  readonly validate: boolean
  readonly maxPayloadDepth: number
  /** The client's log, bounded and aggregated like the server's (see `RefusalLog`). */
  readonly log: RefusalLog
  /** The client's socket.io socket: the owner of its log episodes (each ends when it disconnects). */
  readonly socket: Closable & { readonly id: string | undefined }
  readonly onError: ((error: VolleyError, context: { readonly event: string }) => void) | undefined
}

/**
 * Logs a client-side failure and hands it to `onError`; never throws. A buggy or hostile server (or a
 * contract version skew) can send invalid payloads many times a second, so failures are logged like the
 * server's refusals: the first of each kind (error code and event) at once, repeats counted and summarized
 * in one line every 10 s while they go on and when the connection drops; lines truncated and rate-limited.
 * `onError` still sees every failure. @internal
 */
export function reportClient(config: IncomingConfig, event: string, error: VolleyError): void {
  try {
    const name = quote(event)
    const { log, socket } = config
    if (log.note(socket, `${error.code} ${name}`, 'client', socket.id, 'disconnect')) {
      if (error.code === 'HANDLER_ERROR')
        log.write('error', `[volley] handler ${name}: ${error.message}`, error.cause)
      else
        log.write(
          'warn',
          `[volley] ${name} from the server: ${error.code}: ${error.message} (repeats are counted, not logged)`,
        )
    }
    config.onError?.(error, { event })
  } catch {
    // A failing logger or hook must not break event delivery.
  }
}

/** socket.io-client's session id: set when the server has connection state recovery on. @internal */
export interface RecoveryInternals {
  readonly _pid?: string
}

/**
 * Removes what socket.io's connection state recovery appends to a server event: with recovery on, every
 * event without an ack carries the server's offset as its last argument (a string; socket.io-client reads
 * it and leaves it there), or `null` for volatile events emitted by Volley. Requests (with an ack callback)
 * carry none. @internal
 * @param socket - the client socket (its `_pid` says whether the server speaks recovery)
 * @param args - the listener arguments, changed in place
 */
export function stripRecoveryOffset(socket: RecoveryInternals, args: unknown[]): void {
  if (socket._pid === undefined || args.length === 0) return
  const last = args[args.length - 1]
  if (typeof last === 'string' || last === null) args.pop()
}

/**
 * Builds, once per event, what runs each server-to-client message through (optional) validation and the
 * handlers, answering the server's request with an envelope when it asked for one. Never throws. @internal
 */
export function serverEventHandler(
  config: IncomingConfig,
  socket: RecoveryInternals,
  event: string,
  definition: EventDefinition,
  handlers: ReadonlySet<(payload: unknown) => unknown>,
  listenOnly: { has(handler: (value: unknown) => unknown): boolean },
): (args: unknown[]) => void {
  const incoming: IncomingEvent = {
    event,
    definition,
    handlers,
    listenOnly,
    validate: config.validate,
    maxDepth: config.maxPayloadDepth,
    report: (error) => reportClient(config, event, error),
  }
  return (args) => {
    stripRecoveryOffset(socket, args)
    dispatchIncoming(incoming, args)
  }
}
