import type { IncomingEvent } from '../incoming'
import type { ContractDefinition, EventDefinition } from '../types'
import type { EventLimitOptions } from './limits'
import type { RateLimitOptions } from './rateLimiter'
import type { ServerConfig } from './types'

/** Bucket slots of a socket: refusals (escalation), then `rateLimit`, then one per rate-limited event. @internal */
export const ESCALATION_SLOT = 0
/** @internal */
export const SOCKET_RATE_SLOT = 1

/** What the server knows about one client-to-server event, built once per namespace. @internal */
export interface EventRoute {
  readonly event: string
  /** Position of the event's handlers in each socket's handler slots. */
  readonly index: number
  readonly definition: EventDefinition
  /** The event's own rate, and its bucket slot. */
  readonly rate: RateLimitOptions | undefined
  readonly rateSlot: number
  /** The event's payload size cap, in estimated bytes. */
  readonly maxBytes: number | undefined
  /** What the shared `Delivery` reads of the event (its handlers and reporting are the socket's). */
  readonly incoming: IncomingEvent
}

const ignore = (): void => {}

/**
 * Everything the sockets of one namespace share: contract, settings and event routes. Per-event work is
 * done here once, never once per socket; a socket keeps only its handlers (and, once it needs them, its
 * rate buckets). @internal
 */
export class SocketScope {
  readonly #routes = new Map<string, EventRoute>()
  /** How many events the contract has (the length of a socket's handler slots). */
  readonly size: number
  /** How many bucket slots a socket needs. */
  readonly slots: number

  constructor(
    readonly contract: ContractDefinition,
    readonly config: ServerConfig,
    limits: ReadonlyMap<string, EventLimitOptions>,
  ) {
    let slots = SOCKET_RATE_SLOT + 1
    let index = 0
    for (const event of Object.keys(contract.clientToServer)) {
      const limit = limits.get(event)
      const rate = limit?.rate
      const definition = contract.clientToServer[event]!
      this.#routes.set(event, {
        event,
        index: index++,
        definition,
        rate,
        rateSlot: rate === undefined ? -1 : slots++,
        maxBytes: limit?.maxBytes,
        incoming: {
          event,
          definition,
          handlers: [],
          validate: true,
          maxDepth: config.maxPayloadDepth,
          report: ignore,
        },
      })
    }
    this.size = index
    this.slots = slots
  }

  /** The route of an event name as it arrived (any type); `undefined` outside the contract. */
  route(event: unknown): EventRoute | undefined {
    return typeof event === 'string' ? this.#routes.get(event) : undefined
  }
}
