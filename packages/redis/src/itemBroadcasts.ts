import { PROTOCOL_PREFIX } from '@volley/core'
import { subscriptionTarget } from '@volley/core/server'
import { EMITTER_UID, hasBinary } from './adapterEntry'

const ITEM_EVENT = `${PROTOCOL_PREFIX}item`
const CURSOR = '\u0000cursor\u0000'

/** The adapter entry of an item, split around its cursor (known only inside the append script). */
export interface ItemEntryTemplate {
  readonly nsp: string
  readonly before: string
  readonly after: string
}

/**
 * Links the Redis subscription store to the adapter's stream, so that an item is appended to its history
 * and written to the adapter's stream in one atomic script. Every node (the publishing one too: the entry
 * is an emitter's) then delivers items in the adapter stream's order, which is the order of their cursors,
 * and an item is never in the history without being broadcast. The publishing server's own emit of the
 * item is then skipped by the adapter (`take`). @internal
 */
export class ItemBroadcasts {
  /** Cursors appended with their broadcast, whose server emit is still to come (and is skipped). */
  readonly #pending = new Map<string, number>()

  /**
   * @param adapterStream - the adapter's stream
   * @param maxLen - its `maxLen`
   * @param skipEmits - whether a server's adapter will skip its own emit of these items (not for the emitter)
   */
  constructor(
    readonly adapterStream: string,
    readonly maxLen: number,
    readonly skipEmits: boolean,
  ) {}

  /**
   * The adapter entry for an item of a stream, or `undefined` when it cannot be written by the script
   * (binary data: MessagePack; a store key that is not a subscription's).
   * @param storeKey - the stream's store key
   * @param item - the item
   */
  template(storeKey: string, item: unknown): ItemEntryTemplate | undefined {
    // JSON cannot carry binary data; the adapter writes MessagePack then: leave such items to it.
    if (hasBinary(item)) return undefined
    const space = storeKey.startsWith('[') ? -1 : storeKey.indexOf(' [')
    const nsp = space === -1 ? '/' : storeKey.slice(0, space)
    let parsed: unknown
    try {
      parsed = JSON.parse(space === -1 ? storeKey : storeKey.slice(space + 1))
    } catch {
      return undefined
    }
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string') return undefined
    const target = subscriptionTarget(nsp, parsed[0], parsed[1])
    if (target.storeKey !== storeKey) return undefined
    const data = JSON.stringify({
      packet: { type: 2, data: [ITEM_EVENT, [target.stream, CURSOR, item]] },
      opts: { rooms: [target.room], except: [], flags: {} },
    })
    const [before, after] = data.split(JSON.stringify(CURSOR).slice(1, -1))
    if (before === undefined || after === undefined) return undefined
    return { nsp, before, after }
  }

  /** Notes that an item went out with its append; the server's emit of it will be skipped. */
  mark(cursor: string): void {
    if (!this.skipEmits) return
    const now = Date.now()
    this.#pending.set(cursor, now)
    // Forget cursors whose emit never came (the publish failed in between).
    if (this.#pending.size > 1_000) {
      for (const [old, at] of this.#pending) if (now - at > 60_000) this.#pending.delete(old)
    }
  }

  /**
   * Whether a broadcast is the server's emit of an item that already went out with its append.
   * @param args - the packet's data: `[event, ...args]`
   */
  take(args: readonly unknown[]): boolean {
    if (args[0] !== ITEM_EVENT || !Array.isArray(args[1])) return false
    const cursor: unknown = args[1][1]
    return typeof cursor === 'string' && this.#pending.delete(cursor)
  }
}

/** The uid of item entries: an emitter's, so that every node delivers them, the publishing one too. */
export const ITEM_UID = EMITTER_UID
