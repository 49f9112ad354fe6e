import { encode } from '@msgpack/msgpack'

/** The uid socket.io's adapters give messages from emitters (`EMITTER_UID` of socket.io-adapter). */
export const EMITTER_UID = 'emitter'

/** socket.io-adapter's `MessageType.BROADCAST`. */
const BROADCAST = 3
/** socket.io-parser's `PacketType.EVENT` (binary events are EVENT packets too until encoded). */
const EVENT = 2

/** Whether a value holds binary data (the adapter's `hasBinary`, with its `toJSON` step). @internal */
export function hasBinary(value: unknown, toJSON = false): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true
  if (Array.isArray(value)) return value.some((entry) => hasBinary(entry))
  for (const key of Object.keys(value)) {
    if (hasBinary((value as Record<string, unknown>)[key])) return true
  }
  const withToJSON = value as { toJSON?: unknown }
  if (typeof withToJSON.toJSON === 'function' && !toJSON) {
    return hasBinary((withToJSON.toJSON as () => unknown)(), true)
  }
  return false
}

/** What a broadcast selects: rooms to reach (none: everyone), rooms to leave out. */
export interface BroadcastTarget {
  readonly rooms: readonly string[]
  readonly except: readonly string[]
}

/**
 * The fields of the stream entry that `@socket.io/redis-streams-adapter` 0.3.1 writes for a broadcast
 * (`XADD <stream> MAXLEN ~ <maxLen> * uid … nsp … type 3 data …`): `data` is
 * `{ packet: { type: 2, data: [event, ...args] }, opts: { rooms, except, flags } }` as JSON, or as
 * base64 MessagePack when it holds binary data. Every node's adapter reads it as a broadcast from an
 * emitter. A test compares it with what the real adapter writes. @internal
 * @param nsp - the namespace
 * @param args - the event name and its arguments
 * @param target - rooms and exceptions
 * @returns the entry's fields, in the adapter's order
 */
export function broadcastEntry(
  nsp: string,
  args: readonly unknown[],
  target: BroadcastTarget,
): Record<string, string> {
  const data = {
    packet: { type: EVENT, data: args },
    opts: { rooms: [...target.rooms], except: [...target.except], flags: {} },
  }
  return {
    uid: EMITTER_UID,
    nsp,
    type: String(BROADCAST),
    data: hasBinary(data) ? Buffer.from(encode(data)).toString('base64') : JSON.stringify(data),
  }
}
