import type { AnyHandler } from '../handlerRegistry'
import type { Unsubscribe } from '../types'
import type { SocketScope } from './eventRoutes'
import type { ServerErrorContext } from './types'

/** One event's handlers: none, one, or several (replaced, never mutated, so dispatch can iterate). @internal */
export type HandlerSlot = AnyHandler | readonly AnyHandler[] | undefined

function without(slot: HandlerSlot, handler: AnyHandler): HandlerSlot {
  if (slot === handler || slot === undefined || typeof slot === 'function')
    return slot === handler ? undefined : slot
  const rest = slot.filter((h) => h !== handler)
  return rest.length === 1 ? rest[0] : rest
}

/**
 * What one socket keeps of its own: its handlers (one slot per contract event, in a plain array allocated
 * with the first handler; no listener, closure or context per event), its rate and refusal buckets (once
 * it needs them) and whether it was disconnected for refusals. Everything per event lives in the
 * namespace's `SocketScope`. @internal
 */
export class SocketState {
  #slots: HandlerSlot[] | undefined = undefined
  /** Token buckets (`[tokens, refilledAt]` per slot, see `SocketScope.slots`), allocated on first use. */
  buckets: Float64Array | undefined = undefined
  /** Set once the socket is disconnected for refusals: whatever it still sends is ignored. */
  kicked = false

  constructor(
    readonly socket: NonNullable<ServerErrorContext['socket']>,
    readonly scope: SocketScope,
  ) {}

  /** The handlers of the event at `index`. */
  handlers(index: number): HandlerSlot {
    return this.#slots === undefined ? undefined : this.#slots[index]
  }

  /** The socket's buckets, created on first use. */
  bucketsNow(): Float64Array {
    return (this.buckets ??= new Float64Array(this.scope.slots * 2))
  }

  /** Adds a handler (once: adding the same function again changes nothing); returns its remover. */
  add(index: number, handler: AnyHandler): Unsubscribe {
    const slots = (this.#slots ??= new Array<HandlerSlot>(this.scope.size).fill(undefined))
    const slot = slots[index]
    if (slot === undefined) slots[index] = handler
    else if (typeof slot === 'function') slots[index] = slot === handler ? slot : [slot, handler]
    else if (!slot.includes(handler)) slots[index] = [...slot, handler]
    return () => void (slots[index] = without(slots[index], handler))
  }
}
