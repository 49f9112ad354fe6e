import type { Namespace as RawNamespace } from 'socket.io'
import { toPublicError } from '../envelope'
import { PROTOCOL_EVENTS, PROTOCOL_PREFIX } from '../reserved'
import { streamId, streamKey } from '../streamKey'
import type { ContractDefinition } from '../types'
import { VolleyError } from '../VolleyError'
import type { PresenceEntry, PresenceStore } from './presenceStore'
import { report } from './report'
import type { ServerConfig } from './types'
import type { VolleySocket } from './VolleySocket'

/** A socket of any contract. @internal */
export type AnySocket = VolleySocket<ContractDefinition, unknown>

/** One socket in one topic: watching it (in its room), tracked in it (with a ref), or both. @internal */
export interface Held {
  readonly socket: AnySocket
  readonly name: string
  /** The validated params of the topic. */
  readonly params: unknown
  /** The topic key: the presence name and params. */
  readonly topic: string
  /** The topic's short id on the wire. */
  readonly id: string
  readonly storeKey: string
  /** The socket's user key in this topic. */
  readonly key: string
  watching: boolean
  ref: string | undefined
  /**
   * Tracked through the server API (`io.presence(…).track`) rather than by the client: a client that only
   * watches leaves it alone.
   */
  byServer: boolean
  /** Operations on this socket and topic run one after the other (the disconnect clean-up last). */
  queue: Promise<unknown>
}

/** A diff as it travels (docs/protocol.md). */
interface Diff {
  readonly joins?: readonly PresenceEntry[]
  readonly updates?: readonly PresenceEntry[]
  readonly leaves?: readonly { readonly key: string; readonly ref: string }[]
}

let refCount = 0
/** A new ref: random, and unique within this process, so refs of two servers never collide in practice. */
function newRef(): string {
  refCount = (refCount + 1) % 1_679_616
  const random = globalThis.crypto.getRandomValues(new Uint32Array(2))
  return random[0]!.toString(36) + random[1]!.toString(36) + refCount.toString(36)
}

/** The room of a topic's watchers. */
const roomOf = (topic: string): string => `${PROTOCOL_PREFIX}presence:${topic}`

/**
 * Who this server tracks and which sockets watch which topic, for one namespace: writes members to the
 * presence store, sends diffs to a topic's room (through the namespace, so with a cluster adapter they
 * reach every server), removes a socket's entries when it disconnects, and follows what the store
 * changes on its own (a dead server's members leave; members of this server the store lost are tracked
 * again). Each socket's operations on a topic run in order. @internal
 */
export class PresenceTracker {
  readonly #held = new WeakMap<AnySocket, Map<string, Held>>()
  /** Tracked connections of this server, by ref (to track them again when the store lost them). */
  readonly #byRef = new Map<string, Held>()
  #unwatch: (() => void) | undefined

  constructor(
    private readonly namespace: RawNamespace,
    private readonly config: ServerConfig,
  ) {}

  get #store(): PresenceStore {
    return this.config.presenceStore
  }

  storeKey(topic: string): string {
    return this.namespace.name === '/' ? topic : `${this.namespace.name} ${topic}`
  }

  /** Starts following the store's own changes (once). */
  watch(): void {
    this.#unwatch ??= this.#store.watch?.({
      removed: (storeKey, entries) => this.#removed(storeKey, entries),
      lost: (_storeKey, entries) => this.#lost(entries),
    })
  }

  /** Stops following the store (the server closes). */
  dispose(): void {
    this.#unwatch?.()
    this.#unwatch = undefined
  }

  /** The socket's entry for a topic, if any. */
  find(socket: AnySocket, id: string): Held | undefined {
    return this.#held.get(socket)?.get(id)
  }

  /** The socket's entry for a topic, made (with its user key) when missing. */
  hold(socket: AnySocket, name: string, params: unknown, keyOf: (socket: AnySocket) => string): Held {
    const topic = streamKey(name, params)
    const id = streamId(topic)
    let held = this.#held.get(socket)
    if (held === undefined) {
      held = new Map()
      this.#held.set(socket, held)
      socket.raw.once('disconnect', () => this.#disconnected(socket))
    }
    let entry = held.get(id)
    if (entry === undefined) {
      const key = keyOf(socket)
      if (typeof key !== 'string') {
        throw new TypeError(`[volley] The key of presence "${name}" must return a string.`)
      }
      const storeKey = this.storeKey(topic)
      entry = {
        socket,
        name,
        params,
        topic,
        id,
        storeKey,
        key,
        watching: false,
        ref: undefined,
        byServer: false,
        queue: Promise.resolve(),
      }
      held.set(id, entry)
    }
    return entry
  }

  /** Runs an operation after the ones already queued for this socket and topic. */
  queue<T>(held: Held, operation: () => Promise<T>): Promise<T> {
    const run = held.queue.then(operation, operation)
    held.queue = run.catch(() => undefined)
    return run
  }

  /** Starts or stops watching: joins or leaves the topic's room. */
  async setWatching(held: Held, watching: boolean): Promise<void> {
    if (held.watching === watching) return
    held.watching = watching
    if (watching) await held.socket.raw.join(roomOf(held.topic))
    else await held.socket.raw.leave(roomOf(held.topic))
  }

  #emit(topic: string, diff: Diff): void {
    this.namespace.to(roomOf(topic)).emit(PROTOCOL_EVENTS.presenceDiff, { topic: streamId(topic), ...diff })
  }

  /** Tracks the socket (a join diff) or changes its meta (an update diff); returns its ref. */
  async track(held: Held, meta: unknown, byServer = false): Promise<string> {
    if (!held.socket.connected)
      throw new VolleyError('DISCONNECTED', 'The client left before it was tracked.')
    const joined = held.ref === undefined
    const ref = held.ref ?? newRef()
    // Set before the write, so that the disconnect clean-up (queued after) removes it.
    held.ref = ref
    held.byServer = byServer
    this.#byRef.set(ref, held)
    const entry: PresenceEntry = { key: held.key, ref, meta }
    await this.#store.set(held.storeKey, entry)
    this.#emit(held.topic, joined ? { joins: [entry] } : { updates: [entry] })
    return ref
  }

  /** Stops tracking the socket (a leave diff, when this server removed the entry). */
  async untrack(held: Held): Promise<boolean> {
    const ref = held.ref
    if (ref === undefined) return false
    held.ref = undefined
    held.byServer = false
    this.#byRef.delete(ref)
    const removed = await this.#store.delete(held.storeKey, ref)
    if (removed !== undefined) this.#emit(held.topic, { leaves: [{ key: removed.key, ref }] })
    return removed !== undefined
  }

  /** Forgets the socket's entry for a topic once it neither watches nor is tracked. */
  drop(held: Held): void {
    if (held.watching || held.ref !== undefined) return
    this.#held.get(held.socket)?.delete(held.id)
  }

  #disconnected(socket: AnySocket): void {
    for (const held of this.#held.get(socket)?.values() ?? []) {
      held.watching = false
      this.queue(held, () => this.untrack(held)).catch((error: unknown) =>
        report(
          this.config,
          new VolleyError('HANDLER_ERROR', `Removing a disconnected member of "${held.name}" failed.`, {
            cause: error,
          }),
          { socket, phase: 'handler' },
        ),
      )
    }
    this.#held.delete(socket)
  }

  /** The store removed entries of another server: tell the topic's watchers. */
  #removed(storeKey: string, entries: readonly PresenceEntry[]): void {
    const prefix = this.namespace.name === '/' ? '' : `${this.namespace.name} `
    const topic = storeKey.slice(prefix.length)
    if (!storeKey.startsWith(prefix) || !topic.startsWith('[') || entries.length === 0) return
    this.#emit(topic, { leaves: entries.map(({ key, ref }) => ({ key, ref })) })
  }

  /** The store dropped entries of this server: track those connections again, under new refs. */
  #lost(entries: readonly PresenceEntry[]): void {
    for (const { ref, meta } of entries) {
      const held = this.#byRef.get(ref)
      if (held === undefined) continue
      this.queue(held, async () => {
        if (held.ref !== ref) return
        this.#byRef.delete(ref)
        held.ref = undefined
        if (held.socket.connected) await this.track(held, meta)
      }).catch((error: unknown) =>
        report(this.config, toPublicError(error), { socket: held.socket, phase: 'handler' }),
      )
    }
  }
}
