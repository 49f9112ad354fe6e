import type { Unsubscribe } from '../types'

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
export class EventObserver<TPayload> {
  readonly #listeners = new Set<() => void>()
  #snapshot: EventSnapshot<TPayload> = EMPTY
  #stop: Unsubscribe | undefined

  /** @internal Use `client.observe(event)`. */
  constructor(private readonly listen: (onPayload: (payload: TPayload) => void) => Unsubscribe) {}

  /**
   * Subscribes to new payloads; the first subscriber starts listening, the last one stops it.
   *
   * @example
   * const unsubscribe = observer.subscribe(() => render(observer.getSnapshot()))
   * @param listener - called after each payload
   * @returns a function that unsubscribes
   */
  subscribe = (listener: () => void): Unsubscribe => {
    this.#listeners.add(listener)
    if (this.#stop === undefined) {
      this.#stop = this.listen((payload) => {
        this.#snapshot = Object.freeze({ data: payload, count: this.#snapshot.count + 1 })
        for (const notify of [...this.#listeners]) notify()
      })
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return
      this.#stop?.()
      this.#stop = undefined
    }
  }

  /**
   * The last payload and the count; the same object until the next payload.
   *
   * @example
   * const { data: lastMessage } = observer.getSnapshot()
   * @returns `{ data, count }`
   */
  getSnapshot = (): EventSnapshot<TPayload> => this.#snapshot
}
