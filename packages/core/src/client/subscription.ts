import type {
  ContractDefinition,
  InferSubscriptionParamsInput,
  SubscriptionName,
  Unsubscribe,
} from '../types'
import type { SubscriptionEntry } from './subscriptionEntry'
import type { SubscriptionSnapshot } from './types'

/**
 * One `client.subscribe` call: its handlers receive the subscription's items until `unsubscribe()`. Calls
 * with the same name and params share one subscription on the server; it ends `releaseDelay` after the
 * last of them unsubscribes (so a React StrictMode remount keeps it). `subscribe`/`getSnapshot` are the
 * subscription's state, as a store.
 *
 * @example
 * const messages = client.subscribe('room:messages', { room: 'lobby' }, { onItems: (items) => show(items) })
 * messages.getSnapshot().status // 'pending', then 'live'
 * messages.unsubscribe()
 */
export class Subscription<TContract extends ContractDefinition, TName extends SubscriptionName<TContract>> {
  readonly #entry: SubscriptionEntry
  readonly #release: () => void

  /** @internal Use `client.subscribe(name, params, options)`. */
  constructor(entry: SubscriptionEntry, release: () => void) {
    this.#entry = entry
    this.#release = release
  }

  /** The subscription's name. */
  get name(): TName {
    return this.#entry.name as TName
  }

  /** The params it was opened with. */
  get params(): InferSubscriptionParamsInput<TContract, TName> {
    return this.#entry.params as InferSubscriptionParamsInput<TContract, TName>
  }

  /** The cursor of the last item received (where a resubscribe continues; save it to resume later with `from`). */
  get cursor(): string | undefined {
    return this.#entry.cursor
  }

  /**
   * Subscribes to state changes (status, error, gap).
   *
   * @example
   * const off = messages.subscribe(() => render(messages.getSnapshot()))
   * @param listener - called after each change
   * @returns a function that stops listening
   */
  subscribe = (listener: () => void): Unsubscribe => this.#entry.subscribe(listener)

  /**
   * The subscription's state; the same object until it changes.
   *
   * @example
   * const { status, gap } = messages.getSnapshot()
   * @returns `{ status, error, gap }`
   */
  getSnapshot = (): SubscriptionSnapshot => this.#entry.getSnapshot()

  /**
   * Stops this call's handlers (calling it twice stops them once). The server-side subscription ends
   * `releaseDelay` after the last call with the same name and params unsubscribed.
   *
   * @example
   * messages.unsubscribe()
   */
  unsubscribe(): void {
    this.#release()
  }
}
