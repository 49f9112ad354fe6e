import type { Unsubscribe } from '../types'
import { Subscribable } from './subscribable'

/** The last payload of one event, and how many have arrived; the same object until the next one. */
export interface EventSnapshot<TPayload> {
  /** The last payload received while observed, or `undefined` before the first. */
  readonly data: TPayload | undefined
  /** How many payloads have arrived while observed. */
  readonly count: number
}

const EMPTY: EventSnapshot<never> = Object.freeze({ data: undefined, count: 0 })

/**
 * A store of one server-to-client event: listens while it has subscribers and keeps the last payload.
 * Get one with `client.observe(event)`; `useSocketEvent` binds it to React and Vue.
 *
 * @example
 * const observer = client.observe('message:new')
 * const unsubscribe = observer.subscribe(() => console.log(observer.getSnapshot().data))
 */
export class EventObserver<TPayload> extends Subscribable<EventSnapshot<TPayload>> {
  #stop: Unsubscribe | undefined

  /** @internal Use `client.observe(event)`. */
  constructor(private readonly listen: (onPayload: (payload: TPayload) => void) => Unsubscribe) {
    super(EMPTY)
  }

  /** The first subscriber starts listening to the event. */
  protected override onSubscribe(): void {
    this.#stop = this.listen((payload) => {
      this.setSnapshot(Object.freeze({ data: payload, count: this.getSnapshot().count + 1 }))
    })
  }

  /** The last one to leave stops it. */
  protected override onUnsubscribe(): void {
    this.#stop?.()
    this.#stop = undefined
  }
}
