import type { Socket } from 'socket.io-client'
import { invalidData } from '../incoming'
import type { OutgoingRequests } from '../outgoing'
import { PROTOCOL_EVENTS } from '../reserved'
import { streamKey } from '../streamKey'
import type { ContractDefinition } from '../types'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { stripRecoveryOffset, type RecoveryInternals } from './handleServerEvent'
import { SubscriptionEntry, type EntryConfig, type EntryHandlers, type WireItem } from './subscriptionEntry'

/** A live item, from `$volley:item` `[stream, cursor, item]`. */
interface WireStreamItem extends WireItem {
  readonly stream: string
}

/** What the client's subscriptions need from it. @internal */
export interface SubscriptionsConfig extends EntryConfig {
  readonly releaseDelay: number
  readonly requestTimeout: number
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isWireItem = (value: unknown): value is WireItem => isObject(value) && typeof value.cursor === 'string'

/**
 * The client side of resumable subscriptions (docs/protocol.md): one entry per name and params, shared by
 * every `client.subscribe` with them; `$volley:subscribe` on every connection with the last cursor seen;
 * live `$volley:item`s routed by stream. While a subscribe waits for its answer, live items are also kept
 * aside: the answer (the replay, or the head cursor) says up to which of them the subscriber already has,
 * and the rest follow it, so nothing arrives twice, out of order, or not at all. @internal
 */
export class ClientSubscriptions {
  readonly #entries = new Map<string, SubscriptionEntry>()
  readonly #byStream = new Map<string, Set<SubscriptionEntry>>()
  /** Per entry: the cursors its last subscribe answer delivered, until a newer live item arrives. */
  readonly #answeredCursors = new WeakMap<SubscriptionEntry, ReadonlySet<string>>()
  #inFlight = 0
  #buffer: WireStreamItem[] = []

  constructor(
    private readonly raw: Socket,
    private readonly contract: ContractDefinition,
    private readonly outgoing: OutgoingRequests,
    private readonly config: SubscriptionsConfig,
  ) {
    raw.on('connect', () => {
      for (const entry of this.#entries.values()) this.#send(entry)
    })
    raw.on(PROTOCOL_EVENTS.item, (...args: unknown[]) => {
      stripRecoveryOffset(raw as unknown as RecoveryInternals, args)
      this.#onItem(args[0])
    })
  }

  /**
   * Adds handlers to the subscription of a name and params, opening it when it is new.
   * @returns the entry and a function that removes the handlers again
   */
  open(
    name: string,
    params: unknown,
    from: string,
    handlers: EntryHandlers,
  ): { entry: SubscriptionEntry; release: () => void } {
    const definition = Object.prototype.hasOwnProperty.call(this.contract.subscriptions ?? {}, name)
      ? this.contract.subscriptions?.[name]
      : undefined
    if (definition === undefined) {
      throw new TypeError(
        `[volley] client.subscribe("${name}"): "${name}" is not a subscription of this contract.`,
      )
    }
    const key = streamKey(name, params)
    let entry = this.#entries.get(key)
    const created = entry === undefined
    entry ??= new SubscriptionEntry(key, name, params, definition, from, this.config)
    this.#entries.set(key, entry)
    clearTimeout(entry.releaseTimer)
    entry.releaseTimer = undefined
    entry.handlers.add(handlers)
    if (created) {
      const checked = validate(definition.params, params)
      // Invalid params never leave the client (asynchronous schemas are left to the server).
      if (!(checked instanceof Promise) && !checked.ok) {
        entry.refusedLocally = true
        this.#refused(entry, invalidData(name, 'params', checked))
      } else this.#send(entry)
    } else {
      // A late subscriber learns what the others already know.
      const { status, error } = entry.getSnapshot()
      if (status === 'error' && error !== undefined) handlers.onError?.(error)
      const last = entry.lastSnapshot
      // Items since the last snapshot changed the state it shows: ask the server for a current one, which
      // every subscriber gets (a snapshot replaces state, so the others lose nothing).
      if (last !== undefined && entry.itemsSinceSnapshot > 0) this.#send(entry)
      else if (last !== undefined) handlers.onSnapshot?.(last.value, { cursor: last.cursor })
    }
    const opened = entry
    let released = false
    return {
      entry,
      release: () => {
        if (released) return
        released = true
        opened.handlers.delete(handlers)
        if (opened.handlers.size > 0) return
        clearTimeout(opened.releaseTimer)
        opened.releaseTimer = setTimeout(() => this.#close(opened), this.config.releaseDelay)
      },
    }
  }

  #send(entry: SubscriptionEntry): void {
    if (!this.raw.connected || entry.status === 'closed' || entry.refusedLocally) return
    const generation = ++entry.generation
    entry.update({ status: 'pending', error: undefined })
    const request: Record<string, unknown> = { name: entry.name, params: entry.params }
    const resumed = entry.cursor !== undefined
    if (resumed) request.cursor = entry.cursor
    else if (entry.from === 'start') request.from = 'start'
    this.#inFlight += 1
    this.outgoing
      .send(PROTOCOL_EVENTS.subscribe, request, undefined, {
        timeout: this.config.requestTimeout,
        label: `${PROTOCOL_EVENTS.subscribe} ${entry.name}`,
      })
      .then(
        (answer) => this.#answered(entry, generation, answer, resumed),
        (error: unknown) => this.#failed(entry, generation, error),
      )
      .finally(() => {
        this.#inFlight -= 1
        if (this.#inFlight === 0) this.#buffer = []
      })
  }

  #answered(entry: SubscriptionEntry, generation: number, answer: unknown, resumed: boolean): void {
    const { stream, cursor, items, gap, snapshot } = isObject(answer)
      ? answer
      : ({} as Record<string, unknown>)
    if (entry.status === 'closed') {
      if (typeof stream === 'string') this.#unsubscribe(stream)
      return
    }
    if (entry.generation !== generation) return
    if (
      typeof stream !== 'string' ||
      typeof cursor !== 'string' ||
      !Array.isArray(items) ||
      !items.every(isWireItem)
    ) {
      return this.#refused(
        entry,
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] The server answered ${PROTOCOL_EVENTS.subscribe} with an unknown shape.`,
        ),
      )
    }
    entry.stream = stream
    let holders = this.#byStream.get(stream)
    if (holders === undefined) this.#byStream.set(stream, (holders = new Set()))
    holders.add(entry)
    if (isObject(gap) && (gap.reason === 'expired' || gap.reason === 'reset')) {
      const dropped = typeof gap.dropped === 'number' ? { dropped: gap.dropped } : {}
      entry.gap({ reason: gap.reason, ...dropped, cursor: entry.cursor })
    }
    if (isObject(answer) && 'snapshot' in answer) entry.snapshot(snapshot, cursor)
    entry.receive(items, true, resumed)
    entry.cursor = cursor
    entry.update({ status: 'live' })
    // Live items that came while waiting: the answer already covers those up to its cursor.
    const waiting = this.#buffer.filter((item) => item.stream === stream)
    let covered = -1
    for (let index = waiting.length - 1; index >= 0; index -= 1) {
      if (waiting[index]!.cursor === cursor) {
        covered = index
        break
      }
    }
    const replayed = new Set(items.map((item) => item.cursor))
    const delivered = waiting.slice(covered + 1).filter((item) => !replayed.has(item.cursor))
    entry.receive(delivered, false)
    // Live items still on their way that the replay already held (a server whose live delivery lags its
    // history, as across processes): dropped until the first live item the answer did not cover.
    for (const item of delivered) replayed.add(item.cursor)
    this.#answeredCursors.set(entry, replayed)
  }

  #failed(entry: SubscriptionEntry, generation: number, thrown: unknown): void {
    if (entry.generation !== generation || entry.status === 'closed') return
    const error = VolleyError.is(thrown)
      ? thrown
      : new VolleyError('HANDLER_ERROR', String(thrown), { cause: thrown })
    // The connection dropped: the next connection subscribes again. A slow server: ask again.
    if (error.code === 'DISCONNECTED') return
    if (error.code === 'TIMEOUT') return this.#send(entry)
    this.#refused(entry, error)
  }

  #refused(entry: SubscriptionEntry, error: VolleyError): void {
    this.config.report(error)
    entry.fail(error)
  }

  #onItem(message: unknown): void {
    if (!Array.isArray(message) || typeof message[0] !== 'string' || typeof message[1] !== 'string') {
      this.config.report(
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] ${PROTOCOL_EVENTS.item} takes [stream, cursor, item].`,
        ),
      )
      return
    }
    const item: WireStreamItem = { stream: message[0], cursor: message[1], item: message[2] as unknown }
    if (this.#inFlight > 0) this.#buffer.push(item)
    const holders = this.#byStream.get(item.stream)
    if (holders === undefined) return
    for (const entry of holders) {
      if (entry.status !== 'live' || entry.cursor === item.cursor) continue
      const answered = this.#answeredCursors.get(entry)
      if (answered?.has(item.cursor)) continue
      this.#answeredCursors.delete(entry)
      entry.receive([item], false)
    }
  }

  #close(entry: SubscriptionEntry): void {
    if (entry.handlers.size > 0 || entry.status === 'closed') return
    this.#entries.delete(entry.key)
    entry.update({ status: 'closed' })
    const stream = entry.stream
    if (stream === undefined) return
    const holders = this.#byStream.get(stream)
    holders?.delete(entry)
    if (holders?.size === 0) this.#byStream.delete(stream)
    this.#unsubscribe(stream)
  }

  /** Ends a stream on the server, unless another subscription of this client still holds it. */
  #unsubscribe(stream: string): void {
    if ((this.#byStream.get(stream)?.size ?? 0) > 0 || !this.raw.connected) return
    this.raw.emit(PROTOCOL_EVENTS.unsubscribe, { stream })
  }
}
