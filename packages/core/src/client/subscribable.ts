import type { Unsubscribe } from '../types'

/**
 * The store contract every Volley client store follows (the connection, event and request observers,
 * subscriptions, the outbox): `subscribe(listener)` and `getSnapshot()`, the pair `useSyncExternalStore`
 * expects. The snapshot keeps its identity until it changes. Subclasses start work when the first listener
 * arrives (`onSubscribe`) and stop it when the last one leaves (`onUnsubscribe`).
 *
 * @example
 * class Clock extends Subscribable<number> {
 *   #timer: ReturnType<typeof setInterval> | undefined
 *   protected override onSubscribe() { this.#timer = setInterval(() => this.setSnapshot(Date.now()), 1_000) }
 *   protected override onUnsubscribe() { clearInterval(this.#timer) }
 * }
 */
export class Subscribable<TSnapshot> {
  readonly #listeners = new Set<() => void>()
  #snapshot: TSnapshot

  /** @param initial - the first snapshot */
  constructor(initial: TSnapshot) {
    this.#snapshot = initial
  }

  /**
   * Subscribes to changes; the first listener starts the store's work, the last one to leave stops it.
   *
   * @example
   * const unsubscribe = store.subscribe(() => render(store.getSnapshot()))
   * @param listener - called after each change
   * @returns a function that unsubscribes (calling it twice unsubscribes once)
   */
  subscribe = (listener: () => void): Unsubscribe => {
    const wrapped = (): void => listener()
    this.#listeners.add(wrapped)
    if (this.#listeners.size === 1) this.onSubscribe()
    return () => {
      if (this.#listeners.delete(wrapped) && this.#listeners.size === 0) this.onUnsubscribe()
    }
  }

  /**
   * The current snapshot; the same object until something changes.
   *
   * @example
   * const snapshot = store.getSnapshot()
   * @returns the snapshot
   */
  getSnapshot = (): TSnapshot => this.#snapshot

  /** Whether anyone listens. */
  protected hasListeners(): boolean {
    return this.#listeners.size > 0
  }

  /** Replaces the snapshot and notifies the listeners (nothing happens when it is the same object). */
  protected setSnapshot(snapshot: TSnapshot): void {
    if (Object.is(snapshot, this.#snapshot)) return
    this.#snapshot = snapshot
    for (const listener of [...this.#listeners]) listener()
  }

  /** Called when the first listener subscribes. */
  protected onSubscribe(): void {}

  /** Called when the last listener unsubscribes. */
  protected onUnsubscribe(): void {}
}
