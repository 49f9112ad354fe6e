import type { Namespace as RawNamespace } from 'socket.io'
import { exceedsDepth } from '../depth'
import { errorEnvelope, okEnvelope, toPublicError } from '../envelope'
import { invalidData, type AckCallback } from '../incoming'
import { PROTOCOL_EVENTS } from '../reserved'
import { streamId, streamKey } from '../streamKey'
import type { ContractDefinition, SubscriptionDefinition } from '../types'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { DEFAULT_RETENTION } from './memorySubscriptionStore'
import { report } from './report'
import { roomOf, storeKeyOf } from './subscriptionTarget'
import { readReplay } from './readReplay'
import type { Retention, StoredItem, StoreGap } from './subscriptionStore'
import type { MaybePromise, ServerConfig } from './types'
import type { VolleySocket } from './VolleySocket'

/** Longest cursor a client may send back; store cursors are far shorter. */
export const MAX_CURSOR_LENGTH = 256

/** The answer to `$volley:subscribe` (docs/protocol.md). */
interface SubscribeAnswer {
  readonly stream: string
  readonly cursor: string
  readonly items: readonly StoredItem[]
  readonly gap?: StoreGap
  readonly snapshot?: unknown
}

interface Registered {
  readonly definition: SubscriptionDefinition
  readonly authorize?: (context: {
    params: unknown
    socket: VolleySocket<ContractDefinition, unknown>
  }) => MaybePromise<boolean>
  readonly snapshot?: (context: {
    params: unknown
    socket: VolleySocket<ContractDefinition, unknown>
    cursor: string | undefined
  }) => MaybePromise<unknown>
  readonly retention: Retention
}

type AnySocket = VolleySocket<ContractDefinition, unknown>

const invalid = (message: string): VolleyError => new VolleyError('VALIDATION_FAILED', message)

/**
 * The subscriptions of one namespace: what `io.subscription` registered, `io.publish`, and the server side
 * of `$volley:subscribe` / `$volley:unsubscribe`. Each stream (a subscription and its params) is a room;
 * a subscribing socket joins it before the history is read, so an item published meanwhile reaches it both
 * live and in the replay, and the client keeps the first (docs/protocol.md). @internal
 */
export class ServerSubscriptions {
  readonly #registered = new Map<string, Registered>()
  /** Per socket: the streams it subscribes to, by wire id (subscribing twice is subscribing once). */
  readonly #held = new WeakMap<AnySocket, Map<string, string>>()
  /** Per stream: the publish in progress with an asynchronous store, so items go out in cursor order. */
  readonly #publishing = new Map<string, Promise<unknown>>()

  constructor(
    private readonly namespace: RawNamespace,
    private readonly contract: ContractDefinition,
    private readonly config: ServerConfig,
  ) {}

  #definition(name: string): SubscriptionDefinition | undefined {
    const subscriptions = this.contract.subscriptions
    return subscriptions !== undefined && Object.prototype.hasOwnProperty.call(subscriptions, name)
      ? subscriptions[name]
      : undefined
  }

  #storeKey(stream: string): string {
    return storeKeyOf(this.namespace.name, stream)
  }

  /** Registers a subscription's server side (`io.subscription`). */
  register(
    name: string,
    options: Omit<Registered, 'definition' | 'retention'> & { retention?: Retention },
  ): void {
    const definition = this.#definition(name)
    if (definition === undefined) {
      throw new TypeError(
        `[volley] io.subscription("${name}"): "${name}" is not a subscription of this contract.`,
      )
    }
    if ((definition.snapshot === undefined) !== (options.snapshot === undefined)) {
      throw new TypeError(
        definition.snapshot === undefined
          ? `[volley] io.subscription("${name}"): \`snapshot\` needs a snapshot schema in the contract's subscription.`
          : `[volley] io.subscription("${name}"): the contract declares a snapshot, so pass a \`snapshot\` function.`,
      )
    }
    this.#registered.set(name, { ...options, definition, retention: options.retention ?? DEFAULT_RETENTION })
  }

  /** Appends an item to a stream and sends it to the stream's subscribers (`io.publish`). */
  publish(name: string, params: unknown, item: unknown): Promise<string> {
    try {
      if (this.#definition(name) === undefined) {
        throw new TypeError(
          `[volley] io.publish("${name}"): "${name}" is not a subscription of this contract.`,
        )
      }
      const stream = streamKey(name, params)
      const id = streamId(stream)
      const retention = this.#registered.get(name)?.retention ?? DEFAULT_RETENTION
      const key = this.#storeKey(stream)
      const send = (cursor: string): string => {
        this.namespace.to(roomOf(stream)).emit(PROTOCOL_EVENTS.item, [id, cursor, item])
        return cursor
      }
      const previous = this.#publishing.get(stream)
      if (previous === undefined) {
        const cursor = this.config.subscriptionStore.append(key, item, retention)
        if (typeof cursor === 'string') return Promise.resolve(send(cursor))
        return this.#track(stream, cursor.then(send))
      }
      // An asynchronous store is still appending to this stream: queue behind it, in order.
      return this.#track(
        stream,
        previous
          .then(
            () => this.config.subscriptionStore.append(key, item, retention),
            () => this.config.subscriptionStore.append(key, item, retention),
          )
          .then(send),
      )
    } catch (error) {
      return Promise.reject(error)
    }
  }

  #track(stream: string, publishing: Promise<string>): Promise<string> {
    this.#publishing.set(stream, publishing)
    const done = (): void => {
      if (this.#publishing.get(stream) === publishing) this.#publishing.delete(stream)
    }
    publishing.then(done, done)
    return publishing
  }

  /** Answers `$volley:subscribe`; never throws. */
  subscribe(socket: AnySocket, payload: unknown, ack: AckCallback | undefined): void {
    this.#subscribe(socket, payload).then(
      (answer) => ack?.(okEnvelope(answer)),
      (thrown: unknown) => {
        const error = toPublicError(thrown)
        const phase = error.code === 'HANDLER_ERROR' || error.code === 'UNAUTHORIZED' ? 'handler' : 'event'
        report(this.config, error, { event: PROTOCOL_EVENTS.subscribe, socket, payload, phase })
        ack?.(errorEnvelope(error))
      },
    )
  }

  async #subscribe(socket: AnySocket, payload: unknown): Promise<SubscribeAnswer> {
    const { name, params, cursor, from } = (
      typeof payload === 'object' && payload !== null ? payload : {}
    ) as Record<string, unknown>
    if (typeof name !== 'string') {
      throw invalid(
        `[volley] ${PROTOCOL_EVENTS.subscribe} takes { name, params, cursor? } (see docs/protocol.md).`,
      )
    }
    const definition = this.#definition(name)
    if (definition === undefined) {
      throw new VolleyError('UNKNOWN_EVENT', `"${name}" is not a subscription of this server's contract.`)
    }
    const registered = this.#registered.get(name)
    if (registered === undefined) {
      throw new VolleyError(
        'UNKNOWN_EVENT',
        `No handler is registered for subscription "${name}" on this server.`,
      )
    }
    if (
      cursor !== undefined &&
      (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH)
    ) {
      throw invalid(
        `[volley] The cursor of "${name}" must be a string of 1 to ${MAX_CURSOR_LENGTH} characters, as the server sent it.`,
      )
    }
    if (from !== undefined && from !== 'start' && from !== 'now') {
      throw invalid(`[volley] \`from\` of "${name}" must be "start" or "now".`)
    }
    if (exceedsDepth(params, this.config.maxPayloadDepth)) {
      throw invalid(
        `[volley] The params of "${name}" nest deeper than ${this.config.maxPayloadDepth} levels.`,
      )
    }
    const checked = await validate(definition.params, params)
    if (!checked.ok) throw invalidData(name, 'params', checked)
    const stream = streamKey(name, checked.value)
    if (
      registered.authorize !== undefined &&
      !(await registered.authorize({ params: checked.value, socket }))
    ) {
      throw new VolleyError('UNAUTHORIZED', `Not allowed to subscribe to "${name}" with these params.`)
    }
    if (!socket.connected) throw new VolleyError('DISCONNECTED', 'The client left while subscribing.')
    const added = await this.#hold(socket, stream)
    try {
      const answer = await this.#start(
        socket,
        registered,
        name,
        stream,
        checked.value,
        cursor as string | undefined,
        from,
      )
      if (!socket.connected) throw new VolleyError('DISCONNECTED', 'The client left while subscribing.')
      return answer
    } catch (error) {
      // Only a stream this subscribe added is left: a failed resubscribe keeps the one that works.
      if (added) await this.#release(socket, streamId(stream))
      throw error
    }
  }

  async #start(
    socket: AnySocket,
    registered: Registered,
    name: string,
    stream: string,
    params: unknown,
    cursor: string | undefined,
    from: unknown,
  ): Promise<SubscribeAnswer> {
    const store = this.config.subscriptionStore
    const key = this.#storeKey(stream)
    if (registered.snapshot !== undefined) {
      const head = await store.head(key)
      const snapshot = await registered.snapshot({ params, socket, cursor })
      return { stream: streamId(stream), cursor: head, items: [], snapshot }
    }
    if (cursor === undefined && from !== 'start') {
      return { stream: streamId(stream), cursor: await store.head(key), items: [] }
    }
    return { stream: streamId(stream), ...(await readReplay(store, key, name, cursor)) }
  }

  /** Joins the stream's room; returns whether the socket was not subscribed to it yet. */
  async #hold(socket: AnySocket, stream: string): Promise<boolean> {
    let held = this.#held.get(socket)
    if (held === undefined) {
      held = new Map()
      this.#held.set(socket, held)
    }
    const id = streamId(stream)
    if (held.has(id)) return false
    held.set(id, stream)
    await socket.raw.join(roomOf(stream))
    return true
  }

  /** Leaves a stream's room, by its wire id. */
  async #release(socket: AnySocket, id: string): Promise<void> {
    const held = this.#held.get(socket)
    const stream = held?.get(id)
    if (stream === undefined) return
    held?.delete(id)
    await socket.raw.leave(roomOf(stream))
  }

  /** Answers `$volley:unsubscribe` (`{ stream }`); never throws. */
  unsubscribe(socket: AnySocket, payload: unknown, ack: AckCallback | undefined): void {
    const stream = (payload as { stream?: unknown } | null)?.stream
    if (typeof stream !== 'string') {
      const error = invalid(
        `[volley] ${PROTOCOL_EVENTS.unsubscribe} takes { stream } (see docs/protocol.md).`,
      )
      report(this.config, error, { event: PROTOCOL_EVENTS.unsubscribe, socket, payload, phase: 'event' })
      ack?.(errorEnvelope(error))
      return
    }
    this.#release(socket, stream).then(
      () => ack?.(okEnvelope(undefined)),
      (error: unknown) => ack?.(errorEnvelope(toPublicError(error))),
    )
  }

  /** How many streams a socket holds (for tests and introspection). */
  heldBy(socket: AnySocket): number {
    return this.#held.get(socket)?.size ?? 0
  }
}
