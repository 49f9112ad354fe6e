import type { Unsubscribe } from '../types'
import type { MaybePromise } from './types'

/** One connection present in a topic, as a `PresenceStore` keeps it. */
export interface PresenceEntry {
  /** The user key (`key(socket)` of `io.presence`). */
  readonly key: string
  /** The connection's ref in this topic: made by the server when it starts tracking, unique across servers. */
  readonly ref: string
  /** The validated meta. */
  readonly meta: unknown
}

/** What a `PresenceStore` tells the servers it serves about entries it changed on its own. */
export interface PresenceStoreEvents {
  /**
   * Entries the store removed itself, e.g. those of a server process that died (its lease ran out): the
   * server sends their leaves to the topic. Called on one server only per entry.
   */
  readonly removed: (topic: string, entries: readonly PresenceEntry[]) => void
  /**
   * Entries of this process that the store dropped (it was presumed dead, e.g. stalled past its lease):
   * the server tracks those connections again, under new refs.
   */
  readonly lost: (topic: string, entries: readonly PresenceEntry[]) => void
}

/**
 * Keeps who is present in which topic: one entry per tracked connection, by topic and ref. The server
 * writes when a connection tracks, updates or untracks (and when it disconnects), reads when a client
 * joins a topic or `list` is called, and sends the diffs itself (through the socket.io adapter, so they
 * reach every server of a cluster). Methods may answer synchronously or with a promise, so a shared store
 * fits the same interface; `MemoryPresenceStore` is the default, `@volley/redis` has one for several
 * processes (with a lease per process, so that a dead process's members leave).
 *
 * @example
 * const io = createServer(contract, { presenceStore: new MemoryPresenceStore() })
 */
export interface PresenceStore {
  /**
   * Adds an entry to a topic, or replaces the entry with the same ref (keeping its place).
   * @param topic - the topic key
   * @param entry - the entry
   */
  set(topic: string, entry: PresenceEntry): MaybePromise<void>
  /**
   * Removes an entry.
   * @param topic - the topic key
   * @param ref - the entry's ref
   * @returns the removed entry, or `undefined` when it was not there (another server removed it first)
   */
  delete(topic: string, ref: string): MaybePromise<PresenceEntry | undefined>
  /**
   * Every entry of a topic.
   * @param topic - the topic key
   * @returns the entries, in the order they were added when the store can tell
   */
  list(topic: string): MaybePromise<readonly PresenceEntry[]>
  /**
   * Subscribes a server to the changes the store makes on its own (see `PresenceStoreEvents`). Stores
   * that never change entries on their own (the memory store) leave it out.
   * @param events - what to call
   * @returns a function that unsubscribes
   */
  watch?(events: PresenceStoreEvents): Unsubscribe
}
