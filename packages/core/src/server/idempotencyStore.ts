import type { AckEnvelope } from '../types'
import type { MaybePromise } from './types'

/** The state of an idempotency key: its request is running, or it ran and this is its answer. */
export type IdempotencyRecord =
  { readonly state: 'running' } | { readonly state: 'done'; readonly envelope: AckEnvelope }

/**
 * Remembers idempotency keys, so that a request sent twice (an ack lost, a resend after a reconnect) runs
 * once and both sends get the same answer. Methods may answer synchronously or with a promise, so a shared
 * store (Redis: `SET key running NX PX ttl`, then `SET key <answer> PX ttl`) fits the same interface;
 * `MemoryIdempotencyStore` is the default. Check an implementation with `idempotencyStoreConformance` from
 * `@volley/core/testing`.
 *
 * @example
 * const io = createServer(contract, { idempotencyStore: new MemoryIdempotencyStore() })
 */
export interface IdempotencyStore {
  /**
   * Claims a key for a run, atomically: the first claim wins.
   * @param key - the key (already scoped by namespace and event)
   * @param ttl - milliseconds to remember the key
   * @returns `undefined` when this call claimed it (run the request), otherwise the key's record
   */
  claim(key: string, ttl: number): MaybePromise<IdempotencyRecord | undefined>
  /**
   * Stores the answer of a claimed key.
   * @param key - the key
   * @param envelope - the ack envelope the request answered with
   * @param ttl - milliseconds to remember it
   */
  complete(key: string, envelope: AckEnvelope, ttl: number): MaybePromise<void>
  /**
   * Forgets a key whose request did not run (refused before its handler), so that a corrected resend runs.
   * @param key - the key
   */
  release(key: string): MaybePromise<void>
  /**
   * Reads a key (a duplicate polls it while another server runs the request).
   * @param key - the key
   * @returns its record, or `undefined` when unknown or expired
   */
  get(key: string): MaybePromise<IdempotencyRecord | undefined>
}

/** Options for `new MemoryIdempotencyStore(options)`. */
export interface MemoryIdempotencyStoreOptions {
  /** The most keys kept; the oldest are forgotten first. Defaults to `100_000`. */
  readonly maxKeys?: number
  /** The clock, in milliseconds. Defaults to `Date.now`. */
  readonly now?: () => number
}

/**
 * The default `IdempotencyStore`: keys in this process's memory, each forgotten after its TTL (checked
 * when read, and swept as new keys arrive), at most `maxKeys` of them. For several server processes, use
 * a shared store (`@volley/redis`).
 *
 * @example
 * const io = createServer(contract, { idempotencyStore: new MemoryIdempotencyStore({ maxKeys: 10_000 }) })
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, { record: IdempotencyRecord; expires: number }>()
  readonly #maxKeys: number
  readonly #now: () => number

  /** @param options - `maxKeys` and `now` */
  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    this.#maxKeys = options.maxKeys ?? 100_000
    this.#now = options.now ?? Date.now
  }

  #set(key: string, record: IdempotencyRecord, ttl: number): void {
    // Re-inserted keys move to the end: the Map stays in expiry order for equal TTLs.
    this.#records.delete(key)
    this.#records.set(key, { record, expires: this.#now() + ttl })
    const now = this.#now()
    for (const [oldest, entry] of this.#records) {
      if (this.#records.size <= this.#maxKeys && entry.expires > now) break
      this.#records.delete(oldest)
    }
  }

  get(key: string): IdempotencyRecord | undefined {
    const entry = this.#records.get(key)
    if (entry === undefined) return undefined
    if (entry.expires <= this.#now()) {
      this.#records.delete(key)
      return undefined
    }
    return entry.record
  }

  claim(key: string, ttl: number): IdempotencyRecord | undefined {
    const existing = this.get(key)
    if (existing !== undefined) return existing
    this.#set(key, { state: 'running' }, ttl)
    return undefined
  }

  complete(key: string, envelope: AckEnvelope, ttl: number): void {
    this.#set(key, { state: 'done', envelope }, ttl)
  }

  release(key: string): void {
    this.#records.delete(key)
  }
}
