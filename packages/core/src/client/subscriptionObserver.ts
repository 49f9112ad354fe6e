import { streamKey } from '../streamKey'
import type {
  ContractDefinition,
  InferSubscriptionParamsInput,
  SubscriptionName,
  Unsubscribe,
} from '../types'
import { Subscribable } from './subscribable'
import type { Subscription } from './subscription'
import type { SubscribeOptions, SubscriptionSnapshot } from './types'

/** Options of a `SubscriptionObserver`: those of `client.subscribe`, and whether to subscribe at all. */
export type SubscriptionObserverOptions<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> = SubscribeOptions<TContract, TName> & {
  /** `false` holds the subscription off (e.g. until the user picks a room). Defaults to `true`. */
  enabled?: boolean
}
import type { VolleyClient } from './VolleyClient'

const IDLE: SubscriptionSnapshot = Object.freeze({ status: 'pending', error: undefined, gap: undefined })

/**
 * The subscription behind `useSubscription` in React and Vue: subscribes while it has listeners (the
 * first listener opens `client.subscribe`, the last one unsubscribes, so a component's lifetime is the
 * subscription's), always calls the latest handlers, and moves to new params only when they change in
 * value, not in identity. The server-side subscription is shared and released after `releaseDelay`, so a
 * StrictMode double mount opens one.
 *
 * @example
 * const observer = new SubscriptionObserver(client, 'room:messages', { room }, { onItems: show })
 * const stop = observer.subscribe(() => render(observer.getSnapshot().status))
 */
export class SubscriptionObserver<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> extends Subscribable<SubscriptionSnapshot> {
  #client: VolleyClient<TContract>
  #name: TName
  #params: InferSubscriptionParamsInput<TContract, TName>
  #options: SubscriptionObserverOptions<TContract, TName>
  #key: string
  #handle: Subscription<TContract, TName> | undefined
  #stopState: Unsubscribe | undefined

  /**
   * @param client - the client
   * @param name - a subscription of the contract
   * @param params - its params
   * @param options - `from` and the handlers, as for `client.subscribe`
   */
  constructor(
    client: VolleyClient<TContract>,
    name: TName,
    params: InferSubscriptionParamsInput<TContract, TName>,
    options: SubscriptionObserverOptions<TContract, TName> = {},
  ) {
    super(IDLE)
    this.#client = client
    this.#name = name
    this.#params = params
    this.#options = options
    this.#key = streamKey(name, params)
  }

  /**
   * Takes the latest arguments (adapters forward each render's here): handlers are replaced at once; a
   * new client, name or params value moves the subscription.
   *
   * @example
   * observer.setOptions(client, 'room:messages', { room: nextRoom }, { onItems: show })
   * @param client - the client
   * @param name - the subscription
   * @param params - its params
   * @param options - `from` and the handlers
   */
  setOptions(
    client: VolleyClient<TContract>,
    name: TName,
    params: InferSubscriptionParamsInput<TContract, TName>,
    options: SubscriptionObserverOptions<TContract, TName> = {},
  ): void {
    this.#options = options
    const key = streamKey(name, params)
    const moved = client !== this.#client || key !== this.#key
    this.#client = client
    this.#name = name
    this.#params = params
    this.#key = key
    const wanted = this.hasListeners() && options.enabled !== false
    if (this.#handle === undefined) {
      if (wanted) this.#open()
      return
    }
    if (!wanted) return this.#close()()
    if (!moved) return
    // Open the new one before closing the old: a shared subscription is not dropped and reopened.
    const previous = this.#close()
    this.#open()
    previous()
  }

  protected override onSubscribe(): void {
    if (this.#options.enabled !== false) this.#open()
  }

  protected override onUnsubscribe(): void {
    this.#close()()
  }

  #open(): void {
    const handle = this.#client.subscribe(this.#name, this.#params, {
      from: this.#options.from,
      onItems: (items, info) => this.#options.onItems?.(items, info),
      onGap: (gap) => this.#options.onGap?.(gap),
      onSnapshot: (snapshot, info) => this.#options.onSnapshot?.(snapshot, info),
      onError: (error) => this.#options.onError?.(error),
    })
    this.#handle = handle
    this.#stopState = handle.subscribe(() => this.setSnapshot(handle.getSnapshot()))
    this.setSnapshot(handle.getSnapshot())
  }

  /** Stops following the current handle; returns what unsubscribes it. */
  #close(): () => void {
    const handle = this.#handle
    this.#stopState?.()
    this.#stopState = undefined
    this.#handle = undefined
    if (handle !== undefined) this.setSnapshot(IDLE)
    return () => handle?.unsubscribe()
  }
}
