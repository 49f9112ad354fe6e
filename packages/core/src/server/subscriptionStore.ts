import type { MaybePromise } from './types'

/**
 * How much history a subscription keeps per stream (per subscription and params). Items beyond it are
 * dropped; a client that resumes from before them gets a gap signal.
 */
export interface Retention {
  /** Items kept per stream, newest first. Defaults to `1_000`. */
  readonly count?: number
  /** Milliseconds an item is kept. Defaults to `Infinity` (count alone decides). */
  readonly age?: number
}

/** One item as a store keeps it: the published item and its cursor. */
export interface StoredItem {
  /** Where the item sits in its stream; opaque outside the store that made it. */
  readonly cursor: string
  /** The item, as published. */
  readonly item: unknown
}

/** Why a resumed read could not continue right after the client's cursor. */
export interface StoreGap {
  /**
   * `'expired'`: items after the cursor were dropped by retention. `'reset'`: the cursor belongs to a
   * history the store no longer has (another server life, a flushed store): the read starts over.
   */
  readonly reason: 'expired' | 'reset'
  /** How many items were dropped, when the store can tell. */
  readonly dropped?: number
}

/** What `SubscriptionStore.read` answers. */
export type StoreReadResult =
  | {
      readonly ok: true
      /** Items after the cursor (after the gap, if any), oldest first, at most `limit`. */
      readonly items: readonly StoredItem[]
      /** Where the next read continues: the last item's cursor, or where the reader already is. */
      readonly cursor: string
      /** Set when the read could not continue right after the given cursor. */
      readonly gap?: StoreGap
      /** Whether more items follow (read again from `cursor`). */
      readonly more: boolean
    }
  | {
      readonly ok: false
      /** `'malformed'`: not a cursor of this store. `'ahead'`: a cursor of this history, past its end. */
      readonly reason: 'malformed' | 'ahead'
    }

/**
 * Keeps the history of resumable subscriptions: one stream per subscription and params, each item with a
 * cursor that grows with every append. The server appends when it publishes and reads when a client
 * (re)subscribes with the last cursor it saw. Methods may answer synchronously or with a promise, so a
 * shared store (Redis streams, a database) fits the same interface; `MemorySubscriptionStore` is the
 * default. Check an implementation with `subscriptionStoreConformance` from `@volley/core/testing`.
 *
 * Cursors are strings the store makes and parses; clients treat them as opaque. They must tell the store
 * which history they belong to (an epoch, a stream id), so that a cursor from another server life reads as
 * a `'reset'` gap, never as a position in the new history.
 *
 * @example
 * const io = createServer(contract, { subscriptionStore: new MemorySubscriptionStore() })
 */
export interface SubscriptionStore {
  /**
   * Appends an item to a stream and applies the retention.
   * @param stream - the stream key
   * @param item - the item, as published
   * @param retention - what to keep
   * @returns the new item's cursor
   */
  append(stream: string, item: unknown, retention: Retention): MaybePromise<string>
  /**
   * Reads the items after a cursor.
   * @param stream - the stream key
   * @param after - the last cursor the reader saw; `undefined` reads from the oldest item kept
   * @param limit - the most items to return
   * @returns the items, or why the cursor cannot be read from
   */
  read(stream: string, after: string | undefined, limit: number): MaybePromise<StoreReadResult>
  /**
   * The cursor of the newest item, or of the empty stream (valid for later reads: reading after it
   * returns what is appended next).
   * @param stream - the stream key
   * @returns the cursor
   */
  head(stream: string): MaybePromise<string>
}
