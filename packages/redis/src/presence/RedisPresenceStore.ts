import { randomUUID } from 'node:crypto'
import type { VolleyLogger } from '@volley/core'
import type { PresenceEntry, PresenceStore, PresenceStoreEvents } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { assertIoredis } from '../assertIoredis'
import { redisKeys } from '../redisKeys'
import { DELETE_ENTRY, REMOVE_NODE, SET_ENTRY } from './presenceScripts'

/** Options of `new RedisPresenceStore(redis, options)`. */
export interface RedisPresenceStoreOptions {
  /** The prefix of its keys (`<prefix>:presence:…`); the same for every process of one app. Defaults to `'volley'`. */
  readonly prefix?: string
  /**
   * Milliseconds within which the members of a process that died (a crash, `kill -9`, a lost machine) are
   * removed by the other processes, with leave diffs. Each process renews a lease key every fifth of it
   * (the key lives three fifths of it) and sweeps the leases of the others as often; a process stalled
   * for more than two fifths of it is taken for dead, and tracks its members again when it wakes. Defaults
   * to `10_000`.
   */
  readonly lease?: number
  /** Where Redis failures of the heartbeat are logged (once per outage); `false` for silence. Defaults to `console`. */
  readonly logger?: VolleyLogger | false
}

/** Parses a hash value `<order>\n<JSON [key, meta]>`. */
function parse(ref: string, value: string): { order: number; entry: PresenceEntry } | undefined {
  const cut = value.indexOf('\n')
  try {
    const [key, meta] = JSON.parse(value.slice(cut + 1)) as [unknown, unknown]
    if (typeof key !== 'string') return undefined
    return { order: Number(value.slice(0, cut)), entry: { key, ref, meta } }
  } catch {
    return undefined
  }
}

const member = (topic: string, ref: string): string => `${topic}\n${ref}`

/**
 * A `PresenceStore` on Redis, shared by every server process: who is present in a topic is one hash
 * (`<prefix>:presence:t:<topic>`, a field per connection), so a client that joins on any process gets
 * the whole cluster's members, and diffs reach every process through the socket.io adapter. Each process
 * holds a lease key it renews; when a process dies, the first other process to find its lease gone
 * removes its members (atomically, in one script) and sends their leaves, within `lease` ms. Close it
 * after the server (`await store.close()`): it removes this process's leftover members and its lease.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const presenceStore = new RedisPresenceStore(redis, { lease: 10_000 })
 * const io = createServer(chat, { ...createRedisOptions(redis), presenceStore })
 */
export class RedisPresenceStore implements PresenceStore {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #lease: number
  readonly #logger: VolleyLogger | undefined
  readonly #watchers = new Set<PresenceStoreEvents>()
  /** This process's entries, by topic and ref: tracked again if the store loses them. */
  readonly #local = new Map<string, Map<string, PresenceEntry>>()
  readonly #timer: NodeJS.Timeout
  #node: string
  #ready: Promise<void>
  /** Writes in flight, and the pause a re-registration holds them in. */
  #writing = 0
  #drained: (() => void) | undefined
  #paused: Promise<void> | undefined
  #beating = false
  #failing = false
  #closed = false

  /**
   * @param redis - a connected ioredis client (it may be shared with the adapter and the other stores)
   * @param options - `prefix`, `lease` and `logger`
   */
  constructor(redis: Redis, options: RedisPresenceStoreOptions = {}) {
    assertIoredis(redis, 'new RedisPresenceStore')
    const lease = options.lease ?? 10_000
    if (!Number.isInteger(lease) || lease < 100) {
      throw new TypeError(
        `[volley] new RedisPresenceStore: lease must be an integer of at least 100 ms, got ${String(options.lease)}.`,
      )
    }
    this.#redis = redis
    this.#prefix = `${redisKeys(options.prefix).prefix}:presence:`
    this.#lease = lease
    this.#logger = options.logger === false ? undefined : (options.logger ?? console)
    this.#node = randomUUID()
    this.#ready = this.#register()
    this.#ready.catch(() => {})
    this.#timer = setInterval(() => void this.#beat(), Math.max(20, Math.floor(lease / 5)))
    this.#timer.unref()
  }

  /** This process's id in the store (a new one after it was taken for dead). */
  get node(): string {
    return this.#node
  }

  #topicKey(topic: string): string {
    return `${this.#prefix}t:${topic}`
  }
  #nodeSet(node: string): string {
    return `${this.#prefix}node:${node}`
  }
  #leaseKey(node: string): string {
    return `${this.#prefix}lease:${node}`
  }
  get #nodes(): string {
    return `${this.#prefix}nodes`
  }

  async #register(): Promise<void> {
    await this.#redis
      .multi()
      .set(this.#leaseKey(this.#node), '1', 'PX', Math.floor((this.#lease * 3) / 5))
      .sadd(this.#nodes, this.#node)
      .exec()
  }

  /** Runs a write, unless a re-registration holds writes (then after it). */
  async #write<T>(write: () => Promise<T>): Promise<T> {
    await this.#ready
    while (this.#paused !== undefined) await this.#paused
    this.#writing += 1
    try {
      return await write()
    } finally {
      this.#writing -= 1
      if (this.#writing === 0) this.#drained?.()
    }
  }

  /**
   * Adds or replaces an entry (a replaced one keeps its place in `list`).
   *
   * @example
   * await store.set('["room",{"room":"lobby"}]', { key: 'u-1', ref: 'k3j2', meta: { name: 'Ada' } })
   * @param topic - the topic key
   * @param entry - the entry (its meta must be JSON data)
   */
  async set(topic: string, entry: PresenceEntry): Promise<void> {
    await this.#write(async () => {
      let local = this.#local.get(topic)
      if (local === undefined) this.#local.set(topic, (local = new Map()))
      local.set(entry.ref, entry)
      await SET_ENTRY.run(
        this.#redis,
        [this.#topicKey(topic), this.#nodeSet(this.#node), `${this.#prefix}order`],
        [entry.ref, member(topic, entry.ref), JSON.stringify([entry.key, entry.meta])],
      )
    })
  }

  /**
   * Removes an entry.
   *
   * @example
   * const removed = await store.delete('["room",{"room":"lobby"}]', 'k3j2')
   * @param topic - the topic key
   * @param ref - the entry's ref
   * @returns the entry, or `undefined` when it was not there (another process removed it)
   */
  async delete(topic: string, ref: string): Promise<PresenceEntry | undefined> {
    return this.#write(async () => {
      const local = this.#local.get(topic)
      local?.delete(ref)
      if (local?.size === 0) this.#local.delete(topic)
      const old = await DELETE_ENTRY.run(
        this.#redis,
        [this.#topicKey(topic), this.#nodeSet(this.#node)],
        [ref, member(topic, ref)],
      )
      return typeof old === 'string' ? parse(ref, old)?.entry : undefined
    })
  }

  /**
   * Every entry of a topic, on every process, in the order they arrived.
   *
   * @example
   * const entries = await store.list('["room",{"room":"lobby"}]')
   * @param topic - the topic key
   * @returns the entries
   */
  async list(topic: string): Promise<PresenceEntry[]> {
    const hash = await this.#redis.hgetall(this.#topicKey(topic))
    return Object.entries(hash)
      .flatMap(([ref, value]) => parse(ref, value) ?? [])
      .sort((a, b) => a.order - b.order)
      .map(({ entry }) => entry)
  }

  /**
   * Subscribes a server to the entries this store removes on its own (dead processes') and the entries
   * of this process it lost; the server sends the leaves and tracks its connections again. Only stores
   * with a watcher sweep for dead processes.
   *
   * @example
   * const unwatch = store.watch({ removed: sendLeaves, lost: trackAgain })
   * @param events - `removed` and `lost`
   * @returns a function that unsubscribes
   */
  watch(events: PresenceStoreEvents): () => void {
    this.#watchers.add(events)
    return () => void this.#watchers.delete(events)
  }

  #tell(kind: keyof PresenceStoreEvents, topic: string, entries: readonly PresenceEntry[]): void {
    if (entries.length === 0) return
    for (const watcher of [...this.#watchers]) {
      try {
        watcher[kind](topic, entries)
      } catch (error) {
        this.#logger?.error(`[volley] A presence watcher threw on ${kind} entries.`, error)
      }
    }
  }

  /** Removes a process's entries (when its lease is gone, or with `force`) and reports them, by topic. */
  async #removeNode(node: string, force: boolean): Promise<void> {
    const removed = (await REMOVE_NODE.run(
      this.#redis,
      [this.#nodeSet(node), this.#nodes, this.#leaseKey(node)],
      [node, `${this.#prefix}t:`, force ? '1' : '0'],
    )) as string[]
    const byTopic = new Map<string, { order: number; entry: PresenceEntry }[]>()
    for (let index = 0; index + 2 < removed.length; index += 3) {
      const parsed = parse(removed[index + 1]!, removed[index + 2]!)
      if (parsed === undefined) continue
      const topic = removed[index]!
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), parsed])
    }
    for (const [topic, entries] of byTopic) {
      this.#tell(
        'removed',
        topic,
        entries.sort((a, b) => a.order - b.order).map(({ entry }) => entry),
      )
    }
  }

  /** Renews the lease, and sweeps the other processes' leases. */
  async #beat(): Promise<void> {
    if (this.#beating || this.#closed) return
    this.#beating = true
    try {
      // Registering failed at start (Redis was down): try again.
      await this.#ready.catch(() => (this.#ready = this.#register()))
      const renewed = await this.#redis.set(
        this.#leaseKey(this.#node),
        '1',
        'PX',
        Math.floor((this.#lease * 3) / 5),
        'XX',
      )
      if (renewed === null) await this.#reregister()
      else await this.#redis.sadd(this.#nodes, this.#node)
      if (this.#watchers.size > 0) await this.#sweep()
      if (this.#failing) this.#logger?.warn('[volley] Presence heartbeat: Redis answers again.')
      this.#failing = false
    } catch (error) {
      if (!this.#failing) {
        this.#logger?.warn(
          `[volley] Presence heartbeat failed (${error instanceof Error ? error.message : String(error)}); retrying. Members of this process may be taken for dead and tracked again.`,
        )
      }
      this.#failing = true
    } finally {
      this.#beating = false
    }
  }

  async #sweep(): Promise<void> {
    const nodes = (await this.#redis.smembers(this.#nodes)).filter((node) => node !== this.#node)
    if (nodes.length === 0) return
    const pipeline = this.#redis.pipeline()
    for (const node of nodes) pipeline.exists(this.#leaseKey(node))
    const alive = (await pipeline.exec()) ?? []
    for (const [index, node] of nodes.entries()) {
      if (alive[index]?.[1] === 0) await this.#removeNode(node, false)
    }
  }

  /**
   * This process's lease was gone (it stalled past it, or Redis lost its data): others may have removed
   * its members. It takes a new id, removes what is left under the old one (leaves), and has the servers
   * track their connections again, under new refs (joins), with writes held meanwhile.
   */
  async #reregister(): Promise<void> {
    let resume!: () => void
    this.#paused = new Promise<void>((resolve) => (resume = resolve))
    try {
      if (this.#writing > 0) await new Promise<void>((resolve) => (this.#drained = resolve))
      this.#drained = undefined
      const lost = [...this.#local].map(([topic, entries]) => [topic, [...entries.values()]] as const)
      this.#local.clear()
      const old = this.#node
      this.#node = randomUUID()
      this.#logger?.warn(
        `[volley] Presence: this process's lease ran out (a stall, or Redis lost its data); tracking its members again.`,
      )
      await this.#register()
      await this.#removeNode(old, true)
      this.#paused = undefined
      resume()
      for (const [topic, entries] of lost) this.#tell('lost', topic, entries)
    } finally {
      this.#paused = undefined
      resume()
    }
  }

  /**
   * Stops the heartbeat and removes this process's remaining members (reported as removed, for a server
   * still running) and its lease. Call it after closing the server; the Redis client stays open.
   *
   * @example
   * await io.close()
   * await presenceStore.close()
   * @returns a promise that resolves once done
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    await this.#ready.catch(() => {})
    this.#local.clear()
    await this.#removeNode(this.#node, true)
  }
}
