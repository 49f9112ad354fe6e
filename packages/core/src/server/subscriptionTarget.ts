import { PROTOCOL_PREFIX } from '../reserved'
import { streamId, streamKey } from '../streamKey'

/** Where a subscription's stream (a subscription and its params) lives on the server side. */
export interface SubscriptionTarget {
  /** The key its history has in the `SubscriptionStore` (scoped by namespace). */
  readonly storeKey: string
  /** The room of its subscribers: items go to `io.to(room).emit('$volley:item', [stream, cursor, item])`. */
  readonly room: string
  /** Its short wire id, the first element of a `$volley:item` payload and `stream` of the subscribe answer. */
  readonly stream: string
}

/** The room of a stream's subscribers, from its stream key. @internal */
export const roomOf = (stream: string): string => `${PROTOCOL_PREFIX}${stream}`

/** A stream's key in the subscription store: its stream key, after the namespace unless that is `/`. @internal */
export const storeKeyOf = (namespace: string, stream: string): string =>
  namespace === '/' ? stream : `${namespace} ${stream}`

/**
 * Where a subscription's stream lives: its store key, the room of its subscribers and its wire id, as
 * `io.publish` computes them. For code that publishes without a `VolleyServer` (an emitter process that
 * appends to a shared store and broadcasts through the adapter, such as `@volley/redis`'s).
 *
 * @example
 * const { storeKey, room, stream } = subscriptionTarget('/', 'room:messages', { room: 'lobby' })
 * @param namespace - the namespace, e.g. `/`
 * @param name - a subscription of the contract
 * @param params - its params, validated (as subscribers' validated params look)
 * @returns the store key, room and wire id
 * @throws TypeError for params JSON cannot encode (a `bigint`, a cycle)
 */
export function subscriptionTarget(namespace: string, name: string, params: unknown): SubscriptionTarget {
  const stream = streamKey(name, params)
  return { storeKey: storeKeyOf(namespace, stream), room: roomOf(stream), stream: streamId(stream) }
}
