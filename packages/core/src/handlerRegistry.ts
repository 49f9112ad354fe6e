import type { Unsubscribe } from './types'

/** A handler as stored at runtime, once types are erased. @internal */
export type AnyHandler = (payload: unknown) => unknown

/** The part of a socket.io socket (server or client) the registry needs. @internal */
export interface ListenerTarget {
  on(event: string, listener: (...args: unknown[]) => void): unknown
  off(event: string, listener: (...args: unknown[]) => void): unknown
}

/**
 * Handlers per event, behind exactly one socket.io listener per event: the listener is added with the
 * first handler and removed with the last, so listeners never pile up. @internal
 */
export class HandlerRegistry {
  readonly #entries = new Map<
    string,
    { readonly handlers: Set<AnyHandler>; readonly listener: (...args: unknown[]) => void }
  >()

  /**
   * @param target - the socket.io socket to listen on
   * @param createDispatch - called once per event, when its first handler is added: returns what runs
   *   each message's arguments through the handlers (so per-event work is not redone per message)
   */
  constructor(
    private readonly target: ListenerTarget,
    private readonly createDispatch: (
      event: string,
      handlers: ReadonlySet<AnyHandler>,
      listenOnly: { has(handler: AnyHandler): boolean },
    ) => (args: unknown[]) => void,
  ) {}

  /** Handlers added with `listenOnly`: they are called but never answer a request. */
  readonly listenOnly = new WeakSet<AnyHandler>()

  /** Whether any handler is registered for the event. */
  has(event: string): boolean {
    return this.#entries.has(event)
  }

  /** Runs an event's arguments through its handlers as if socket.io had delivered them (idempotent requests). */
  dispatch(event: string, args: unknown[]): void {
    this.#entries.get(event)?.listener(...args)
  }

  /** Adds a handler (`listenOnly`: it never answers a request); returns the function that removes it. */
  add(event: string, handler: AnyHandler, listenOnly = false): Unsubscribe {
    if (listenOnly) this.listenOnly.add(handler)
    let entry = this.#entries.get(event)
    if (entry === undefined) {
      const handlers = new Set<AnyHandler>()
      const dispatch = this.createDispatch(event, handlers, this.listenOnly)
      const listener = (...args: unknown[]): void => dispatch(args)
      entry = { handlers, listener }
      this.#entries.set(event, entry)
      this.target.on(event, listener)
    }
    entry.handlers.add(handler)
    return () => {
      const current = this.#entries.get(event)
      if (current === undefined || !current.handlers.delete(handler) || current.handlers.size > 0) return
      this.#entries.delete(event)
      this.target.off(event, current.listener)
    }
  }
}
