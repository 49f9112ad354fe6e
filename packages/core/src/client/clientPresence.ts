import type { Socket } from 'socket.io-client'
import { invalidData } from '../incoming'
import type { OutgoingRequests } from '../outgoing'
import { PROTOCOL_EVENTS } from '../reserved'
import { streamKey } from '../streamKey'
import type { ContractDefinition } from '../types'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { stripRecoveryOffset, type RecoveryInternals } from './handleServerEvent'
import {
  PresenceTopic,
  wireMembers,
  type TopicConfig,
  type TopicHolder,
  type WireDiff,
} from './presenceTopic'

/** What the client's presence needs from it. @internal */
export interface PresenceConfig extends TopicConfig {
  readonly releaseDelay: number
  readonly requestTimeout: number
}

const fields = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}

let metaSeq = 0

/** Whether two metas hold the same data (key order aside). */
function sameMeta(a: unknown, b: unknown): boolean {
  try {
    return streamKey('', a) === streamKey('', b)
  } catch {
    return false
  }
}

/**
 * The client side of presence (docs/protocol.md): one topic per name and params, shared by every
 * `client.presence` with them; `$volley:presence:join` on every connection (with this connection's meta
 * when it tracks), answered with the full state; then diffs, routed by topic. One request per topic at a
 * time: when it is answered, the meta the server has is compared with the wanted one and a
 * `$volley:presence:track` / `untrack` follows if they differ. Diffs that arrive while a join waits for its
 * answer are kept and applied after the state, in order. @internal
 */
export class ClientPresence {
  readonly #topics = new Map<string, PresenceTopic>()
  readonly #byId = new Map<string, PresenceTopic>()
  #inFlight = 0
  #buffer: { id: string; diff: WireDiff }[] = []

  constructor(
    private readonly raw: Socket,
    private readonly contract: ContractDefinition,
    private readonly outgoing: OutgoingRequests,
    private readonly config: PresenceConfig,
  ) {
    raw.on('connect', () => {
      for (const topic of this.#topics.values()) this.#sync(topic)
    })
    raw.on('disconnect', (reason) => {
      for (const topic of this.#topics.values()) {
        topic.generation += 1
        topic.joined = false
        topic.busy = false
        topic.sent = undefined
        if (topic.status === 'live') topic.update({ status: 'pending' })
        // An explicit disconnect: nothing will be sent until `connect()`.
        if (reason === 'io client disconnect')
          this.#settle(topic, new VolleyError('DISCONNECTED', 'client.disconnect() was called.'))
      }
    })
    raw.on(PROTOCOL_EVENTS.presenceDiff, (...args: unknown[]) => {
      stripRecoveryOffset(raw as unknown as RecoveryInternals, args)
      this.#onDiff(args[0])
    })
  }

  /**
   * Adds a holder to the topic of a name and params, opening it when it is new; with a meta, the holder
   * tracks this connection (a meta that fails its schema is reported and not sent).
   */
  open(
    name: string,
    params: unknown,
    holder: TopicHolder,
    meta?: { readonly value: unknown },
  ): { topic: PresenceTopic; release: () => void } {
    const definition = Object.prototype.hasOwnProperty.call(this.contract.presence ?? {}, name)
      ? this.contract.presence?.[name]
      : undefined
    if (definition === undefined) {
      throw new TypeError(
        `[volley] client.presence("${name}"): "${name}" is not a presence of this contract.`,
      )
    }
    const key = streamKey(name, params)
    let topic = this.#topics.get(key)
    const created = topic === undefined
    topic ??= new PresenceTopic(key, name, params, definition, this.config)
    this.#topics.set(key, topic)
    clearTimeout(topic.releaseTimer)
    topic.releaseTimer = undefined
    topic.holders.add(holder)
    if (meta !== undefined) {
      const refusal = this.#adopt(topic, holder, meta.value)
      if (refusal !== undefined) {
        this.config.report(refusal)
        holder.onError?.(refusal)
      }
    }
    if (created) {
      const checked = validate(definition.params, params)
      // Invalid params never leave the client (asynchronous schemas are left to the server).
      if (!(checked instanceof Promise) && !checked.ok) {
        topic.refusedLocally = true
        this.#refused(topic, invalidData(name, 'params', checked))
      }
    } else {
      const { status, error } = topic.getSnapshot()
      if (status === 'error' && error !== undefined) holder.onError?.(error)
    }
    this.#sync(topic)
    const opened = topic
    let released = false
    return {
      topic,
      release: () => {
        if (released) return
        released = true
        opened.holders.delete(holder)
        if (opened.holders.size > 0) return void this.#sync(opened)
        clearTimeout(opened.releaseTimer)
        opened.releaseTimer = setTimeout(() => this.#close(opened), this.config.releaseDelay)
      },
    }
  }

  /**
   * Sets a holder's meta (`undefined`: it no longer tracks); resolves once the server has this meta or a
   * newer one, rejects when the server refuses it.
   */
  setMeta(topic: PresenceTopic, holder: TopicHolder, meta: unknown, tracks: boolean): Promise<void> {
    if (tracks) {
      const refusal = this.#adopt(topic, holder, meta)
      if (refusal !== undefined) {
        this.config.report(refusal)
        holder.onError?.(refusal)
        return Promise.reject(refusal)
      }
    } else holder.meta = undefined
    const done = new Promise<void>((resolve, reject) => topic.waiters.add({ resolve, reject }))
    const { status, error } = topic.getSnapshot()
    if (topic.refusedLocally || status === 'closed') {
      this.#settle(topic, error ?? new VolleyError('DISCONNECTED', `Presence "${topic.name}" was left.`))
    }
    this.#sync(topic)
    this.#settle(topic)
    return done
  }

  /**
   * Makes a meta the holder's (the newest, unless it equals the meta the topic already tracks with: then
   * nothing is sent again, e.g. on a StrictMode remount). Returns the error of a meta that fails its schema.
   */
  #adopt(topic: PresenceTopic, holder: TopicHolder, value: unknown): VolleyError | undefined {
    const checked = validate(topic.definition.meta, value)
    // Asynchronous schemas are left to the server.
    if (!(checked instanceof Promise) && !checked.ok) return invalidData(topic.name, 'meta', checked)
    const current = topic.wanted ?? (topic.sent?.seq === -1 ? undefined : topic.sent)
    holder.meta =
      current !== undefined && sameMeta(current.value, value) ? current : { value, seq: ++metaSeq }
    return undefined
  }

  /** Resolves the `setMeta` calls the server's meta covers (all of them with an error: rejects them). */
  #settle(topic: PresenceTopic, error?: VolleyError): void {
    const wanted = topic.wanted
    const covered = topic.joined && !topic.busy && topic.sent?.seq === wanted?.seq
    for (const waiter of [...topic.waiters]) {
      if (error !== undefined) waiter.reject(error)
      else if (covered) waiter.resolve()
      else continue
      topic.waiters.delete(waiter)
    }
  }

  /** Sends what the server lacks for a topic: the join, then the wanted meta. One request at a time. */
  #sync(topic: PresenceTopic): void {
    if (!this.raw.connected || topic.busy || topic.status === 'closed' || topic.refusedLocally) return
    // Refused on this connection: asked again on the next one.
    if (topic.refusedIn === topic.generation) return
    const wanted = topic.wanted
    if (topic.joined && topic.sent?.seq === wanted?.seq) return this.#settle(topic)
    const generation = topic.generation
    topic.busy = true
    let event: string
    let request: Record<string, unknown>
    if (!topic.joined) {
      event = PROTOCOL_EVENTS.presenceJoin
      request = { name: topic.name, params: topic.params, ...(wanted ? { meta: wanted.value } : {}) }
      this.#inFlight += 1
      if (topic.status !== 'error') topic.update({ status: 'pending' })
    } else if (wanted !== undefined) {
      event = PROTOCOL_EVENTS.presenceTrack
      request = { topic: topic.id, meta: wanted.value }
    } else {
      event = PROTOCOL_EVENTS.presenceUntrack
      request = { topic: topic.id }
    }
    this.outgoing
      .send(event, request, undefined, {
        timeout: this.config.requestTimeout,
        label: `${event} ${topic.name}`,
      })
      .then(
        (answer) => {
          if (topic.generation !== generation) return
          topic.sent = wanted
          if (event === PROTOCOL_EVENTS.presenceJoin) this.#answered(topic, answer)
        },
        (error: unknown) => this.#failed(topic, generation, event, error),
      )
      .finally(() => {
        if (event === PROTOCOL_EVENTS.presenceJoin) {
          this.#inFlight -= 1
          if (this.#inFlight === 0) this.#buffer = []
        }
        if (topic.generation !== generation) return
        topic.busy = false
        if (topic.status === 'closed') return void this.#leave(topic)
        this.#sync(topic)
      })
  }

  #answered(topic: PresenceTopic, answer: unknown): void {
    const { topic: id, key, state } = fields(answer)
    const members = wireMembers(state)
    if (typeof id !== 'string' || typeof key !== 'string' || members === undefined) {
      return this.#refused(
        topic,
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] The server answered ${PROTOCOL_EVENTS.presenceJoin} with an unknown shape.`,
        ),
      )
    }
    topic.id = id
    topic.userKey = key
    topic.joined = true
    // Still tracked on the server (e.g. by an earlier join of this socket) while nothing is wanted: untrack,
    // unless the server's own code tracked it (`trackedBy: 'server'`): then it is the server's to manage.
    const { ref, trackedBy } = fields(answer)
    if (typeof ref === 'string' && trackedBy !== 'server' && topic.sent === undefined)
      topic.sent = { value: undefined, seq: -1 }
    this.#byId.set(id, topic)
    topic.receiveState(members)
    // Diffs that came while waiting follow the state: those it already reflects change nothing.
    for (const kept of this.#buffer) if (kept.id === id) topic.receiveDiff(kept.diff)
  }

  #failed(topic: PresenceTopic, generation: number, event: string, thrown: unknown): void {
    if (topic.generation !== generation || topic.status === 'closed') return
    const error = VolleyError.is(thrown)
      ? thrown
      : new VolleyError('HANDLER_ERROR', String(thrown), { cause: thrown })
    // The connection dropped: the next one joins again. A slow server: the next sync asks again.
    if (error.code === 'DISCONNECTED' || error.code === 'TIMEOUT') return
    if (event !== PROTOCOL_EVENTS.presenceJoin) {
      // A meta the server refused: the server keeps the one it had, and so does the topic. The members
      // stay live; the holders are told.
      const refused = topic.wanted?.seq
      const kept = topic.sent?.seq === -1 ? undefined : topic.sent
      for (const holder of topic.holders) if (holder.meta?.seq === refused) holder.meta = kept
      this.config.report(error)
      topic.fail(error, false)
      return this.#settle(topic, error)
    }
    topic.refusedIn = generation
    this.#refused(topic, error)
  }

  #refused(topic: PresenceTopic, error: VolleyError): void {
    this.config.report(error)
    topic.fail(error)
    this.#settle(topic, error)
  }

  #onDiff(message: unknown): void {
    const { topic: id, joins, updates, leaves } = fields(message)
    const diff = { joins: wireMembers(joins), updates: wireMembers(updates), leaves: wireMembers(leaves) }
    if (
      typeof id !== 'string' ||
      diff.joins === undefined ||
      diff.updates === undefined ||
      diff.leaves === undefined
    ) {
      this.config.report(
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] ${PROTOCOL_EVENTS.presenceDiff} takes { topic, joins?, updates?, leaves? }.`,
        ),
      )
      return
    }
    const checked = diff as WireDiff
    if (this.#inFlight > 0) this.#buffer.push({ id, diff: checked })
    const topic = this.#byId.get(id)
    if (topic !== undefined && topic.joined && topic.status !== 'closed') topic.receiveDiff(checked)
  }

  #close(topic: PresenceTopic): void {
    if (topic.holders.size > 0 || topic.status === 'closed') return
    this.#topics.delete(topic.key)
    topic.update({ status: 'closed' })
    this.#settle(topic, new VolleyError('DISCONNECTED', `Presence "${topic.name}" was left.`))
    if (!topic.busy) this.#leave(topic)
  }

  /** Leaves a closed topic on the server (once its request in flight is answered). */
  #leave(topic: PresenceTopic): void {
    if (topic.id !== undefined && this.#byId.get(topic.id) === topic) this.#byId.delete(topic.id)
    if (topic.joined && this.raw.connected) this.raw.emit(PROTOCOL_EVENTS.presenceLeave, { topic: topic.id })
    topic.joined = false
  }
}
