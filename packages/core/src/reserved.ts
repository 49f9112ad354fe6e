/**
 * Event names Socket.IO reserves for itself; a contract may not use them.
 *
 * @example
 * if ((RESERVED_EVENT_NAMES as readonly string[]).includes(name)) rename(name)
 */
export const RESERVED_EVENT_NAMES = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
] as const

/** An event name Socket.IO reserves (one of `RESERVED_EVENT_NAMES`). */
export type ReservedEventName = (typeof RESERVED_EVENT_NAMES)[number]

/**
 * The prefix of Volley's own protocol events (subscriptions, presence, idempotent requests, recovery offsets): a
 * contract may not use it for its events or subscriptions. See docs/protocol.md.
 *
 * @example
 * socket.emit(`${PROTOCOL_PREFIX}subscribe`, { name: 'room:messages', params: { room: 'lobby' } }, onAck)
 */
export const PROTOCOL_PREFIX = '$volley:'

/** The type of `PROTOCOL_PREFIX`. */
export type ProtocolPrefix = typeof PROTOCOL_PREFIX

/** Volley's protocol events, documented in docs/protocol.md. @internal */
export const PROTOCOL_EVENTS = {
  /** Server → client, without payload, when connection state recovery is on: gives the client a first offset. */
  offset: '$volley:offset',
  /** Client → server request: `{ name, params, cursor?, from? }`, answered with the replay or a snapshot. */
  subscribe: '$volley:subscribe',
  /** Client → server: `{ stream }`; ends a subscription. */
  unsubscribe: '$volley:unsubscribe',
  /** Server → client: `{ stream, cursor, item }`, one published item. */
  item: '$volley:item',
  /** Client → server request: `{ event, key, payload }`, a request that runs once per key. */
  idempotent: '$volley:idempotent',
  /** Client → server request: `{ name, params, meta? }`; watches a presence topic (and tracks with `meta`), answered with its state. */
  presenceJoin: '$volley:presence:join',
  /** Client → server request: `{ topic, meta }`; tracks this connection in a joined topic, or changes its meta. */
  presenceTrack: '$volley:presence:track',
  /** Client → server: `{ topic }`; stops tracking this connection (it still watches). */
  presenceUntrack: '$volley:presence:untrack',
  /** Client → server: `{ topic }`; stops tracking and watching. */
  presenceLeave: '$volley:presence:leave',
  /** Server → client: `{ topic, joins?, updates?, leaves? }`, a change of a topic's members. */
  presenceDiff: '$volley:presence:diff',
  /**
   * Server → client, `{ code, message }`: why the server is about to disconnect this socket on its own
   * (`RATE_LIMITED` after too many refusals, see `limits.escalation`).
   */
  disconnect: '$volley:disconnect',
} as const satisfies Record<string, `${ProtocolPrefix}${string}`>

/** Tells whether a name uses Volley's protocol prefix. @internal */
export function isProtocolName(name: string): boolean {
  return name.startsWith(PROTOCOL_PREFIX)
}
