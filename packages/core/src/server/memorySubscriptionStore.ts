import type { Retention, StoredItem, StoreReadResult, SubscriptionStore } from './subscriptionStore'

interface Entry extends StoredItem {
  readonly seq: number
  readonly at: number
}

interface Stream {
  /** Sequence number of the newest item ever appended (items are numbered from 1). */
  last: number
  /** Kept items from `start` on, oldest first; the slots before `start` are dropped. */
  items: Entry[]
  start: number
  retention: Retention
}

const CURSOR = /^([0-9a-z]{1,32}):(\d{1,15})$/

/** Default retention: the last 1,000 items of each stream, whatever their age. */
export const DEFAULT_RETENTION: Required<Retention> = { count: 1_000, age: Number.POSITIVE_INFINITY }

/** Options for `new MemorySubscriptionStore(options)`. */
export interface MemorySubscriptionStoreOptions {
  /** The clock, in milliseconds (for age retention in tests). Defaults to `Date.now`. */
  readonly now?: () => number
}

/**
 * The default `SubscriptionStore`: streams kept in this process's memory, lost when it stops. Cursors are
 * `<epoch>:<sequence>`, where the epoch is drawn when the store is created, so a cursor from before a
 * restart reads as a `'reset'` gap. Appends and reads are synchronous; a read after a cursor is O(items
 * returned). For several server processes, use a shared store (`@volley/redis`).
 *
 * @example
 * const io = createServer(contract, { subscriptionStore: new MemorySubscriptionStore() })
 */
export class MemorySubscriptionStore implements SubscriptionStore {
  /** This store's epoch: the first part of every cursor it makes. */
  readonly epoch: string = Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')
  readonly #streams = new Map<string, Stream>()
  readonly #now: () => number

  /** @param options - `now`, the clock */
  constructor(options: MemorySubscriptionStoreOptions = {}) {
    this.#now = options.now ?? Date.now
  }

  #cursor(seq: number): string {
    return `${this.epoch}:${seq}`
  }

  #trim(stream: Stream): void {
    const count = stream.retention.count ?? DEFAULT_RETENTION.count
    const age = stream.retention.age ?? DEFAULT_RETENTION.age
    const { items } = stream
    if (items.length - stream.start > count) stream.start = items.length - count
    if (age !== Number.POSITIVE_INFINITY) {
      const oldest = this.#now() - age
      while (stream.start < items.length && items[stream.start]!.at < oldest) stream.start += 1
    }
    // Compact now and then, so dropped items are freed without shifting the array on every append.
    if (stream.start > 1_024 && stream.start > items.length / 2) {
      stream.items = items.slice(stream.start)
      stream.start = 0
    }
  }

  append(key: string, item: unknown, retention: Retention): string {
    let stream = this.#streams.get(key)
    if (stream === undefined) {
      stream = { last: 0, items: [], start: 0, retention }
      this.#streams.set(key, stream)
    }
    stream.retention = retention
    stream.last += 1
    const cursor = this.#cursor(stream.last)
    stream.items.push({ seq: stream.last, at: this.#now(), cursor, item })
    this.#trim(stream)
    return cursor
  }

  head(key: string): string {
    return this.#cursor(this.#streams.get(key)?.last ?? 0)
  }

  read(key: string, after: string | undefined, limit: number): StoreReadResult {
    const stream = this.#streams.get(key)
    if (stream !== undefined) this.#trim(stream)
    const last = stream?.last ?? 0
    const items = stream?.items ?? []
    const start = stream?.start ?? 0
    const oldest = start < items.length ? items[start]!.seq : last + 1
    let from = oldest
    let gap: { reason: 'expired' | 'reset'; dropped?: number } | undefined
    if (after !== undefined) {
      const match = CURSOR.exec(after)
      if (match === null) return { ok: false, reason: 'malformed' }
      const seq = Number(match[2])
      if (match[1] !== this.epoch) gap = { reason: 'reset' }
      else if (seq > last) return { ok: false, reason: 'ahead' }
      else if (seq + 1 < oldest) gap = { reason: 'expired', dropped: oldest - seq - 1 }
      else from = seq + 1
    }
    const index = start + (from - oldest)
    const page = items.slice(index, index + Math.max(0, limit))
    const newest = page[page.length - 1]
    return {
      ok: true,
      items: page.map((entry) => ({ cursor: entry.cursor, item: entry.item })),
      cursor: newest?.cursor ?? (after === undefined || gap !== undefined ? this.#cursor(from - 1) : after),
      ...(gap === undefined ? {} : { gap }),
      more: index + page.length < items.length,
    }
  }
}
