import { PROTOCOL_PREFIX, validate, VolleyError } from '@volley/core'
import type {
  ContractDefinition,
  InferServerPayloadInput,
  InferSubscriptionItemInput,
  InferSubscriptionParamsInput,
  PayloadArgs,
  Schema,
  ServerEventName,
  SubscriptionName,
} from '@volley/core'
import { DEFAULT_RETENTION, subscriptionTarget, type Retention } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { broadcastEntry, type BroadcastTarget } from './adapterEntry'
import type { ItemBroadcasts } from './itemBroadcasts'
import type { RedisSubscriptionStore } from './RedisSubscriptionStore'

/** What an emitter shares with the operators derived from it. @internal */
export interface EmitterShared {
  readonly redis: Redis
  readonly stream: string
  readonly maxLen: number
  readonly store: RedisSubscriptionStore
  /** The store's link to the adapter's stream: items it can template are broadcast with their append. */
  readonly broadcasts: ItemBroadcasts
  readonly retention: Partial<Record<string, Retention>>
  /** Per stream: the publish in progress, so items of one stream go out in cursor order. */
  readonly publishing: Map<string, Promise<unknown>>
}

async function check(schema: Schema, value: unknown, what: string): Promise<void> {
  const result = await validate(schema, value)
  if (result.ok) return
  const first = result.issues[0]
  const at = first?.path === undefined ? '' : ` at ${first.path.join('.')}`
  throw new VolleyError('VALIDATION_FAILED', `[volley] ${what}${at}: ${first?.message ?? 'invalid'}`, {
    issues: result.issues,
  })
}

/**
 * Emits a contract's server-to-client events and publishes its subscriptions from a process that holds no
 * sockets (a worker, a cron job, a Next.js route on a host without WebSockets), through Redis: the Redis
 * streams adapter of every Volley server delivers them. Payloads, params and items are validated by the
 * contract before anything is written. Chains are immutable: `to()` and `except()` return new emitters.
 * Create one with `createRedisEmitter`.
 *
 * @example
 * const emitter = createRedisEmitter(chat, redis)
 * await emitter.to('lobby').emit('message:new', { room: 'lobby', text: 'Deploy finished', from: 'ci' })
 */
export class RedisEmitter<TContract extends ContractDefinition> {
  /** The contract it speaks. */
  readonly contract: TContract
  /** The namespace it emits to, e.g. `/`. */
  readonly namespace: string
  readonly #shared: EmitterShared
  readonly #target: BroadcastTarget

  /** @internal Use `createRedisEmitter`. */
  constructor(contract: TContract, namespace: string, shared: EmitterShared, target: BroadcastTarget) {
    this.contract = contract
    this.namespace = namespace
    this.#shared = shared
    this.#target = target
  }

  /**
   * An emitter for another namespace, with its own contract (as `io.of(name, contract)` on the server).
   *
   * @example
   * const admin = emitter.of('/admin', adminContract)
   * await admin.emit('audit', { action: 'deploy' })
   * @param namespace - the namespace, starting with `/`
   * @param contract - its contract
   * @returns an emitter for that namespace, to everyone in it
   */
  of<TOther extends ContractDefinition>(namespace: string, contract: TOther): RedisEmitter<TOther> {
    if (!namespace.startsWith('/')) {
      throw new TypeError(`[volley] emitter.of("${namespace}"): a namespace starts with "/".`)
    }
    return new RedisEmitter(contract, namespace, this.#shared, { rooms: [], except: [] })
  }

  #derive(target: BroadcastTarget): RedisEmitter<TContract> {
    return new RedisEmitter(this.contract, this.namespace, this.#shared, target)
  }

  /**
   * Targets a room (or rooms): only their members, on every node, receive the emit.
   *
   * @example
   * await emitter.to('room-101').emit('message:new', message)
   * @param room - a room name or several
   * @returns a new emitter
   */
  to(room: string | readonly string[]): RedisEmitter<TContract> {
    const rooms = typeof room === 'string' ? [room] : room
    return this.#derive({ ...this.#target, rooms: [...new Set([...this.#target.rooms, ...rooms])] })
  }

  /**
   * Same as `to`.
   *
   * @example
   * await emitter.in('room-101').emit('message:new', message)
   * @param room - a room name or several
   * @returns a new emitter
   */
  in(room: string | readonly string[]): RedisEmitter<TContract> {
    return this.to(room)
  }

  /**
   * Excludes a room (or a socket, by its id) from the recipients.
   *
   * @example
   * await emitter.to('lobby').except('banned').emit('message:new', message)
   * @param room - a room name or several
   * @returns a new emitter
   */
  except(room: string | readonly string[]): RedisEmitter<TContract> {
    const rooms = typeof room === 'string' ? [room] : room
    return this.#derive({ ...this.#target, except: [...new Set([...this.#target.except, ...rooms])] })
  }

  /**
   * Emits a server-to-client event of the contract to the selected clients of every node, after
   * validating the payload against its schema (the process is outside the servers' trust boundary).
   *
   * @example
   * await emitter.to(room).emit('message:new', { room, text: 'Build #42 passed', from: 'ci' })
   * @param event - a `serverToClient` event of the contract
   * @param args - its payload, the one argument after `event`
   * @returns a promise that resolves once Redis has the broadcast (every node then delivers it)
   * @throws VolleyError `VALIDATION_FAILED` for a payload that fails its schema, `UNKNOWN_EVENT` for an event not in the contract
   */
  async emit<TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferServerPayloadInput<TContract, TEvent>>
  ): Promise<void> {
    const definition = Object.prototype.hasOwnProperty.call(this.contract.serverToClient, event)
      ? this.contract.serverToClient[event]
      : undefined
    if (definition === undefined) {
      throw new VolleyError(
        'UNKNOWN_EVENT',
        `[volley] emitter.emit("${event}"): not a serverToClient event of the contract.`,
      )
    }
    const payload: unknown = args[0]
    await check(definition.payload, payload, `emitter.emit("${event}"): invalid payload`)
    await this.#broadcast(payload === undefined ? [event] : [event, payload], this.#target)
  }

  /**
   * Publishes an item to a subscription's stream, as `io.publish` does on a server: validated by the
   * contract, appended to the Redis subscription history (for clients that resume), then sent to every
   * live subscriber on every node with its cursor. Items of one stream go out in the order they were
   * published from this process. `to()`/`except()` do not apply: subscribers are the audience.
   *
   * @example
   * const cursor = await emitter.publish('room:messages', { room: 'lobby' }, { id, text: 'Deployed', from: 'ci' })
   * @param name - a subscription of the contract
   * @param params - the stream's params
   * @param item - the item
   * @returns the item's cursor, once stored and sent
   * @throws VolleyError `VALIDATION_FAILED` for params or an item that fail their schema, `UNKNOWN_EVENT` for a name not in the contract
   */
  async publish<TName extends SubscriptionName<TContract>>(
    name: TName,
    params: InferSubscriptionParamsInput<TContract, TName>,
    item: InferSubscriptionItemInput<TContract, TName>,
  ): Promise<string> {
    const subscriptions = this.contract.subscriptions
    const definition =
      subscriptions !== undefined && Object.prototype.hasOwnProperty.call(subscriptions, name)
        ? subscriptions[name]
        : undefined
    if (definition === undefined) {
      throw new VolleyError(
        'UNKNOWN_EVENT',
        `[volley] emitter.publish("${name}"): not a subscription of the contract.`,
      )
    }
    const checked = await validate(definition.params, params)
    if (!checked.ok) await check(definition.params, params, `emitter.publish("${name}"): invalid params`)
    await check(definition.item, item, `emitter.publish("${name}"): invalid item`)
    const target = subscriptionTarget(this.namespace, name, checked.ok ? checked.value : params)
    const retention = this.#shared.retention[name] ?? DEFAULT_RETENTION
    const { publishing, store, broadcasts } = this.#shared
    // Appended and broadcast in one atomic step (in cursor order on every node), except binary items.
    const atOnce = broadcasts.template(target.storeKey, item) !== undefined
    const run = async (): Promise<string> => {
      const cursor = await store.append(target.storeKey, item, retention)
      if (atOnce) return cursor
      await this.#broadcast([`${PROTOCOL_PREFIX}item`, [target.stream, cursor, item]], {
        rooms: [target.room],
        except: [],
      })
      return cursor
    }
    const previous = publishing.get(target.storeKey)
    const next = previous === undefined ? run() : previous.then(run, run)
    publishing.set(target.storeKey, next)
    const done = (): void => {
      if (publishing.get(target.storeKey) === next) publishing.delete(target.storeKey)
    }
    next.then(done, done)
    return next
  }

  async #broadcast(args: readonly unknown[], target: BroadcastTarget): Promise<void> {
    const { redis, stream, maxLen } = this.#shared
    const fields = Object.entries(broadcastEntry(this.namespace, args, target)).flat()
    await redis.xadd(stream, 'MAXLEN', '~', maxLen, '*', ...fields)
  }
}
