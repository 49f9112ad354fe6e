import type { AckCallback } from '../incoming'
import { PROTOCOL_EVENTS } from '../reserved'
import type { ContractDefinition } from '../types'
import type { IdempotentRequests } from './idempotentRequests'
import type { ServerPresence } from './serverPresence'
import type { ServerSubscriptions } from './serverSubscriptions'
import type { SocketState } from './socketState'
import type { VolleySocket } from './VolleySocket'

/** What one namespace answers Volley's protocol events with. @internal */
export interface ServerProtocol {
  readonly subscriptions: ServerSubscriptions
  readonly idempotent: IdempotentRequests
  readonly presence: ServerPresence
}

/**
 * Answers one of Volley's protocol events (subscriptions, presence, idempotent requests), which arrive
 * through the socket's single listener like any event; the socket-wide `rateLimit` was applied before,
 * except to idempotent requests, whose inner event goes through the normal path (and its limits). @internal
 * @param state - the sending socket
 * @param event - the event name as it arrived
 * @param payload - its first argument, untrusted
 * @param ack - the ack callback, if the client asked for an answer
 * @param dispatch - runs an event through the socket's normal path (for idempotent requests)
 * @returns `false` when `event` is not a protocol event the server listens to
 */
export function dispatchProtocol(
  state: SocketState,
  event: unknown,
  payload: unknown,
  ack: AckCallback | undefined,
  dispatch: (state: SocketState, event: unknown, args: unknown[]) => void,
): boolean {
  const { protocol } = state.scope
  const socket = state.socket as VolleySocket<ContractDefinition, unknown>
  switch (event) {
    case PROTOCOL_EVENTS.subscribe:
      protocol.subscriptions.subscribe(socket, payload, ack)
      return true
    case PROTOCOL_EVENTS.unsubscribe:
      protocol.subscriptions.unsubscribe(socket, payload, ack)
      return true
    case PROTOCOL_EVENTS.presenceJoin:
      protocol.presence.join(socket, payload, ack)
      return true
    case PROTOCOL_EVENTS.presenceTrack:
      protocol.presence.trackJoined(socket, payload, ack)
      return true
    case PROTOCOL_EVENTS.presenceUntrack:
      protocol.presence.leave(socket, payload, ack, true)
      return true
    case PROTOCOL_EVENTS.presenceLeave:
      protocol.presence.leave(socket, payload, ack, false)
      return true
    case PROTOCOL_EVENTS.idempotent:
      protocol.idempotent.handle(socket, payload, ack, (inner, args) => dispatch(state, inner, args))
      return true
    default:
      return false
  }
}
