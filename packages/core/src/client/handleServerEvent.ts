import { dispatchIncoming, type IncomingEvent } from '../incoming'
import type { VolleyLogger } from '../logger'
import type { EventDefinition } from '../types'
import type { VolleyError } from '../VolleyError'

/** Settings the client's incoming path needs. @internal */
export interface IncomingConfig {
  readonly validate: boolean
  readonly maxPayloadDepth: number
  readonly logger: VolleyLogger
  readonly onError: ((error: VolleyError, context: { readonly event: string }) => void) | undefined
}

/** Logs a client-side failure and hands it to `onError`; never throws. @internal */
export function reportClient(config: IncomingConfig, event: string, error: VolleyError): void {
  try {
    if (error.code === 'HANDLER_ERROR')
      config.logger.error(`[volley] handler "${event}": ${error.message}`, error.cause)
    else config.logger.warn(`[volley] "${event}" from the server: ${error.code}: ${error.message}`)
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
