import type { Socket as RawSocket } from 'socket.io'
import { splitAck } from '../incoming'
import { PROTOCOL_EVENTS } from '../reserved'
import type { ContractDefinition } from '../types'
import type { IdempotentRequests } from './idempotentRequests'
import type { ServerSubscriptions } from './serverSubscriptions'
import type { VolleySocket } from './VolleySocket'

/** What one namespace answers Volley's protocol events with. @internal */
export interface ServerProtocol {
  readonly subscriptions: ServerSubscriptions
  readonly idempotent: IdempotentRequests
}

/** The protocol events a server socket listens to (never answered as unknown events). @internal */
export const LISTENED_PROTOCOL_EVENTS: ReadonlySet<string> = new Set([
  PROTOCOL_EVENTS.subscribe,
  PROTOCOL_EVENTS.unsubscribe,
  PROTOCOL_EVENTS.idempotent,
])

/**
 * Listens to Volley's protocol events on one socket. @internal
 * @param socket - the typed socket
 * @param raw - its socket.io socket
 * @param protocol - the namespace's subscriptions and idempotent requests
 * @param admit - takes a rate-limit token (answers `RATE_LIMITED` and returns `false` when there is none)
 * @param dispatch - runs a contract event through the socket's normal incoming path
 */
export function listenToProtocol(
  socket: VolleySocket<ContractDefinition, unknown>,
  raw: RawSocket,
  protocol: ServerProtocol,
  admit: (event: string, args: unknown[]) => boolean,
  dispatch: (event: string, args: unknown[]) => void,
): void {
  raw.on(PROTOCOL_EVENTS.subscribe, (...args: unknown[]) => {
    if (!admit(PROTOCOL_EVENTS.subscribe, args)) return
    const { payloads, ack } = splitAck(args)
    protocol.subscriptions.subscribe(socket, payloads[0], ack)
  })
  raw.on(PROTOCOL_EVENTS.unsubscribe, (...args: unknown[]) => {
    if (!admit(PROTOCOL_EVENTS.unsubscribe, args)) return
    const { payloads, ack } = splitAck(args)
    protocol.subscriptions.unsubscribe(socket, payloads[0], ack)
  })
  // Not rate limited here: a first run goes through the event's own path (limited there), and a duplicate
  // is answered from the store.
  raw.on(PROTOCOL_EVENTS.idempotent, (...args: unknown[]) => {
    const { payloads, ack } = splitAck(args)
    protocol.idempotent.handle(socket, payloads[0], ack, dispatch)
  })
}
