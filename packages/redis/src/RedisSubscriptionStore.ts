import { DEFAULT_RETENTION } from '@volley/core/server'
import type { Retention, StoredItem, StoreGap, StoreReadResult, SubscriptionStore } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { assertIoredis } from './assertIoredis'
import { decodeItem, encodeItem } from './itemCodec'
import { redisKeys } from './redisKeys'
import { ITEM_UID, type ItemBroadcasts } from './itemBroadcasts'
import { APPEND, HEAD, READ } from './subscriptionScripts'

/** Stores whose appends also write the item's broadcast to the adapter's stream (see `ItemBroadcasts`). */
const linkedBroadcasts = new WeakMap<RedisSubscriptionStore, ItemBroadcasts>()

/**
 * Makes a store write each item's broadcast with its append, atomically. @internal
 * @param store - the store
 * @param broadcasts - the adapter's stream, and the cursors whose server emit to skip
 */
export function linkBroadcasts(store: RedisSubscriptionStore, broadcasts: ItemBroadcasts): void {
  linkedBroadcasts.set(store, broadcasts)
}

/** Options of `new RedisSubscriptionStore(redis, options)`. */
export interface RedisSubscriptionStoreOptions {
  /** The prefix of its keys: streams are `<prefix>:sub:<stream>`, the epoch `<prefix>:epoch`. Defaults to `'volley'`. */
  readonly prefix?: string
}

/** A stream id as `ms` and `n` (the item's number in its stream). */
interface StreamId {
  readonly ms: number
  readonly n: number
}

const CURSOR = /^([0-9a-z]{1,16}):(\d{1,15})-(\d{1,15})$/

function parseId(id: string): StreamId {
  const dash = id.indexOf('-')
  return { ms: Number(id.slice(0, dash)), n: Number(id.slice(dash + 1)) }
}

type Entry = [id: string, fields: string[]]

function toItem(epoch: string, [id, fields]: Entry): StoredItem {
  for (let index = 0; index < fields.length; index += 2) {
    const field = fields[index]!
    if (field === 'j' || field === 'b' || field === 'u') {
      return { cursor: `${epoch}:${id}`, item: decodeItem(field, fields[index + 1]!) }
    }
  }
  return { cursor: `${epoch}:${id}`, item: undefined }
}

/**
 * A `SubscriptionStore` on Redis Streams, shared by every server process: a client that reconnects to
 * another process resumes from its cursor there. One stream per subscription and params
 * (`<prefix>:sub:<stream>`); items are kept by count (`MAXLEN =`) and age (`MINID`, applied on append and
 * read). Cursors are `<epoch>:<ms>-<n>`, the Redis stream id of the item under the history's epoch (a
 * random key created on first use): when Redis loses its data (a restart without persistence, a flush),
 * a new epoch starts and older cursors read as a `'reset'` gap, never as positions in the new history.
 * Appends are atomic Lua scripts, so items of one stream are numbered in order whichever process appends.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const io = createServer(chat, { subscriptionStore: new RedisSubscriptionStore(redis) })
 */
export class RedisSubscriptionStore implements SubscriptionStore {
  readonly #redis: Redis
  readonly #streamPrefix: string
  readonly #epochKey: string

  /**
   * @param redis - a connected ioredis client (it may be shared with the adapter)
   * @param options - `prefix`
   */
  constructor(redis: Redis, options: RedisSubscriptionStoreOptions = {}) {
    assertIoredis(redis, 'new RedisSubscriptionStore')
    const keys = redisKeys(options.prefix)
    this.#redis = redis
    this.#streamPrefix = keys.subscriptionPrefix
    this.#epochKey = `${keys.prefix}:epoch`
  }

  #keys(stream: string): string[] {
    return [this.#streamPrefix + stream, this.#epochKey]
  }

  /** A new random epoch, used if the history has none yet. */
  #candidate(): string {
    return Math.floor(Math.random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')
  }

  async append(stream: string, item: unknown, retention: Retention): Promise<string> {
    const count = retention.count ?? DEFAULT_RETENTION.count
    const age = retention.age ?? DEFAULT_RETENTION.age
    const [field, value] = encodeItem(item)
    const args: (string | number)[] = [
      this.#candidate(),
      field,
      value,
      count,
      Number.isFinite(age) ? Math.max(0, Math.floor(age)) : '',
    ]
    const keys = this.#keys(stream)
    const broadcasts = linkedBroadcasts.get(this)
    const template = broadcasts?.template(stream, item)
    if (broadcasts !== undefined && template !== undefined) {
      keys.push(broadcasts.adapterStream)
      args.push(broadcasts.maxLen, ITEM_UID, template.nsp, template.before, template.after)
    }
    const [epoch, id] = (await APPEND.run(this.#redis, keys, args)) as [string, string]
    const cursor = `${epoch}:${id}`
    if (template !== undefined) broadcasts?.mark(cursor)
    return cursor
  }

  async head(stream: string): Promise<string> {
    const [epoch, id] = (await HEAD.run(this.#redis, this.#keys(stream), [this.#candidate()])) as [
      string,
      string,
    ]
    return `${epoch}:${id}`
  }

  async read(stream: string, after: string | undefined, limit: number): Promise<StoreReadResult> {
    let cursor: (StreamId & { epoch: string; id: string }) | undefined
    if (after !== undefined) {
      const match = CURSOR.exec(after)
      if (match === null) return { ok: false, reason: 'malformed' }
      const id = `${match[2]}-${match[3]}`
      cursor = { epoch: match[1]!, id, ...parseId(id) }
    }
    const count = Math.max(0, Math.floor(limit))
    const run = (fromCursor: boolean) =>
      READ.run(this.#redis, this.#keys(stream), [
        this.#candidate(),
        fromCursor && cursor !== undefined ? cursor.epoch : '',
        fromCursor && cursor !== undefined ? cursor.id : '',
        count + 1,
      ]) as Promise<[string, string, string | null, Entry[]]>
    const first = await run(true)
    let [epoch, lastId, , entries] = first
    const firstId = first[2]
    const last = parseId(lastId)
    let gap: StoreGap | undefined
    if (cursor !== undefined) {
      if (cursor.epoch !== epoch) gap = { reason: 'reset' }
      else if (cursor.n > last.n && cursor.ms > last.ms) return { ok: false, reason: 'ahead' }
      else if (cursor.n > last.n || (cursor.n === last.n && cursor.ms !== last.ms)) {
        // Numbers this history never reached at that time: the stream was lost and began again.
        gap = { reason: 'reset' }
        ;[epoch, lastId, , entries] = await run(false)
      } else {
        const firstN = firstId === null ? last.n + 1 : parseId(firstId).n
        if (cursor.n + 1 < firstN) gap = { reason: 'expired', dropped: firstN - cursor.n - 1 }
      }
    }
    const items = entries.slice(0, count).map((entry) => toItem(epoch, entry))
    const newest = items[items.length - 1]
    return {
      ok: true,
      items,
      cursor: newest?.cursor ?? (after === undefined || gap !== undefined ? `${epoch}:${lastId}` : after),
      ...(gap === undefined ? {} : { gap }),
      more: entries.length > count,
    }
  }
}
