import { invalidData } from '../incoming'
import type { SubscriptionDefinition } from '../types'
import type { ValidateResult } from '../validate'
import { VolleyError } from '../VolleyError'
import { OrderedDelivery, type DeliveryConfig } from './orderedDelivery'
import { Subscribable } from './subscribable'
import type { SubscriptionGap, SubscriptionItemsInfo, SubscriptionSnapshot } from './types'

/** One item on the wire: `{ cursor, item }`. @internal */
export interface WireItem {
  readonly cursor: string
  readonly item: unknown
}

/** The handlers of one `client.subscribe` call, with types erased. @internal */
export interface EntryHandlers {
  readonly onItems?: (items: unknown[], info: SubscriptionItemsInfo) => void
  readonly onGap?: (gap: SubscriptionGap) => void
  readonly onSnapshot?: (snapshot: unknown, info: { readonly cursor: string }) => void
  readonly onError?: (error: VolleyError) => void
}

/** What an entry needs from its client. @internal */
export type EntryConfig = DeliveryConfig

const PENDING: SubscriptionSnapshot = Object.freeze({ status: 'pending', error: undefined, gap: undefined })

/**
 * One subscription (a name and its params) as the client holds it, shared by every `client.subscribe`
 * call with the same name and params: its handlers, its cursor, its state, and the validated delivery of
 * its items, in order, also with asynchronous schemas. @internal
 */
export class SubscriptionEntry extends Subscribable<SubscriptionSnapshot> {
  readonly handlers = new Set<EntryHandlers>()
  /** The server's stream id, known from the first answer. */
  stream: string | undefined
  /** Incremented by each subscribe sent; an answer to an older one is stale. */
  generation = 0
  /** The last snapshot, for handlers that join later. */
  lastSnapshot: { readonly value: unknown; readonly cursor: string } | undefined
  /** Items received since `lastSnapshot`: when there are any, it no longer shows the current state. */
  itemsSinceSnapshot = 0
  releaseTimer: ReturnType<typeof setTimeout> | undefined
  /** The params failed their schema on the client: never sent. */
  refusedLocally = false
  /**
   * The cursor of the last item received: where a resubscribe continues. A field, not part of the
   * snapshot, so that items do not change the subscription's state (no re-render per item).
   */
  cursor: string | undefined
  /** Deliveries in order, also those waiting for an asynchronous validation. */
  readonly #delivery: OrderedDelivery

  constructor(
    readonly key: string,
    readonly name: string,
    readonly params: unknown,
    readonly definition: SubscriptionDefinition,
    /** Where the first subscribe starts: `'start'`, `'now'` or a cursor. */
    readonly from: string,
    private readonly config: EntryConfig,
  ) {
    super(PENDING)
    this.#delivery = new OrderedDelivery(config, `subscription "${name}"`)
    this.cursor = from === 'start' || from === 'now' ? undefined : from
  }

  get status(): SubscriptionSnapshot['status'] {
    return this.getSnapshot().status
  }

  /** Changes the state (a patch that changes nothing keeps the snapshot). */
  update(patch: Partial<SubscriptionSnapshot>): void {
    const current = this.getSnapshot()
    const keys = Object.keys(patch) as (keyof SubscriptionSnapshot)[]
    if (keys.every((key) => Object.is(current[key], patch[key]))) return
    this.setSnapshot(Object.freeze({ ...current, ...patch }))
  }

  /** Calls one handler of every subscriber; a throwing handler is reported and never stops the others. */
  #each<TKey extends keyof EntryHandlers>(
    key: TKey,
    call: (handler: NonNullable<EntryHandlers[TKey]>) => void,
  ): void {
    for (const handlers of [...this.handlers]) {
      const handler = handlers[key]
      if (handler === undefined) continue
      try {
        call(handler as NonNullable<EntryHandlers[TKey]>)
      } catch (error) {
        this.config.report(
          new VolleyError('HANDLER_ERROR', `A handler of subscription "${this.name}" threw.`, {
            cause: error,
          }),
        )
      }
    }
  }

  /** Tells every subscriber about a gap (before the items that follow it). */
  gap(gap: SubscriptionGap): void {
    this.update({ gap })
    this.#delivery.run(() => this.#each('onGap', (onGap) => onGap(gap)))
  }

  /** Validates a snapshot and hands it to every subscriber. */
  snapshot(value: unknown, cursor: string): void {
    const schema = this.definition.snapshot
    if (schema === undefined) return
    this.#delivery.run(() => {
      const deliver = (result: ValidateResult<unknown>): void => {
        if (!result.ok) return this.config.report(invalidData(this.name, 'snapshot', result))
        this.lastSnapshot = { value: result.value, cursor }
        this.itemsSinceSnapshot = 0
        this.#each('onSnapshot', (onSnapshot) => onSnapshot(result.value, { cursor }))
      }
      const checked = this.#delivery.check(schema, value, 'snapshot')
      return checked instanceof Promise ? checked.then(deliver) : deliver(checked)
    })
  }

  /**
   * Takes items in: the cursor moves at once (a resubscribe continues after them), then they are
   * validated (invalid ones are reported and skipped) and handed to every subscriber, in order.
   */
  receive(items: readonly WireItem[], replayed: boolean, resumed = false): void {
    const last = items[items.length - 1]
    if (last === undefined) return
    this.cursor = last.cursor
    this.itemsSinceSnapshot += items.length
    this.#delivery.run(() => {
      const results = items.map((wire) => this.#delivery.check(this.definition.item, wire.item, 'item'))
      const deliver = (checked: ValidateResult<unknown>[]): void => {
        const values: unknown[] = []
        for (const result of checked) {
          if (result.ok) values.push(result.value)
          else this.config.report(invalidData(this.name, 'item', result))
        }
        if (values.length === 0) return
        const info: SubscriptionItemsInfo = { replayed, resumed, cursor: last.cursor }
        this.#each('onItems', (onItems) => onItems(values, info))
      }
      if (results.some((result) => result instanceof Promise)) return Promise.all(results).then(deliver)
      deliver(results as ValidateResult<unknown>[])
    })
  }

  /** The server refused the subscription. */
  fail(error: VolleyError): void {
    this.update({ status: 'error', error })
    this.#each('onError', (onError) => onError(error))
  }
}
