import type { Socket as RawSocket } from 'socket.io'
import { splitAck } from '../incoming'
import { PROTOCOL_EVENTS } from '../reserved'
import type { ContractDefinition } from '../types'
import type { IdempotentRequests } from './idempotentRequests'
import type { ServerPresence } from './serverPresence'
import type { ServerSubscriptions } from './serverSubscriptions'
import type { VolleySocket } from './VolleySocket'

/** What one namespace answers Volley's protocol events with. @internal */
export interface ServerProtocol {
  readonly subscriptions: ServerSubscriptions
  readonly idempotent: IdempotentRequests
  readonly presence: ServerPresence
}

/** The protocol events a server socket listens to (never answered as unknown events). @internal */
export const LISTENED_PROTOCOL_EVENTS: ReadonlySet<string> = new Set([
  PROTOCOL_EVENTS.subscribe,
  PROTOCOL_EVENTS.unsubscribe,
  PROTOCOL_EVENTS.idempotent,
  PROTOCOL_EVENTS.presenceJoin,
  PROTOCOL_EVENTS.presenceTrack,
  PROTOCOL_EVENTS.presenceUntrack,
  PROTOCOL_EVENTS.presenceLeave,
])

/**
 * Listens to Volley's protocol events on one socket. @internal
 * @param socket - the typed socket
 * @param raw - its socket.io socket
 * @param protocol - the namespace's subscriptions, idempotent requests and presence
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
  const presence = protocol.presence
  raw.on(PROTOCOL_EVENTS.presenceJoin, (...args: unknown[]) => {
    if (!admit(PROTOCOL_EVENTS.presenceJoin, args)) return
    const { payloads, ack } = splitAck(args)
    presence.join(socket, payloads[0], ack)
  })
  raw.on(PROTOCOL_EVENTS.presenceTrack, (...args: unknown[]) => {
    if (!admit(PROTOCOL_EVENTS.presenceTrack, args)) return
    const { payloads, ack } = splitAck(args)
    presence.trackJoined(socket, payloads[0], ack)
  })
  for (const [event, keepWatching] of [
    [PROTOCOL_EVENTS.presenceUntrack, true],
    [PROTOCOL_EVENTS.presenceLeave, false],
  ] as const) {
    raw.on(event, (...args: unknown[]) => {
      if (!admit(event, args)) return
      const { payloads, ack } = splitAck(args)
      presence.leave(socket, payloads[0], ack, keepWatching)
    })
  }
  // Not rate limited here: a first run goes through the event's own path (limited there), and a duplicate
  // is answered from the store.
  raw.on(PROTOCOL_EVENTS.idempotent, (...args: unknown[]) => {
    const { payloads, ack } = splitAck(args)
    protocol.idempotent.handle(socket, payloads[0], ack, dispatch)
  })
}
