import { errorEnvelope } from '../envelope'
import type { AnyHandler } from '../handlerRegistry'
import { dispatchIncoming, splitAck, type IncomingEvent } from '../incoming'
import type { EventDefinition } from '../types'
import { VolleyError } from '../VolleyError'
import type { RateLimiter } from './rateLimiter'
import { report } from './report'
import type { ServerConfig, ServerErrorContext } from './types'

type SocketInfo = NonNullable<ServerErrorContext['socket']>

interface IncomingContext {
  readonly socket: SocketInfo
  readonly config: ServerConfig
  readonly event: string
  readonly definition: EventDefinition
  readonly handlers: ReadonlySet<AnyHandler>
  readonly limiter: RateLimiter | undefined
}

/**
 * Builds, once per event and socket, what runs each incoming message through the rate limit, depth check,
 * validation and the handlers, and answers the ack with an envelope. Never throws: every failure is
 * reported and, when an ack was asked for, answered.
 * @internal
 */
export function incomingHandler(context: IncomingContext): (args: unknown[]) => void {
  const { socket, config, event, limiter } = context
  const incoming: IncomingEvent = {
    event,
    definition: context.definition,
    handlers: context.handlers,
    validate: true,
    maxDepth: config.maxPayloadDepth,
    report: (error, phase, payload) => report(config, error, { event, socket, payload, phase }),
  }
  return (args) => {
    if (withinRateLimit(socket, config, limiter, event, args)) dispatchIncoming(incoming, args)
  }
}

/**
 * Takes a token from the socket's rate limiter; when it is empty, answers `RATE_LIMITED` and returns
 * `false`. A flood is logged once, when it starts; `onError` still sees every refused event. @internal
 */
export function withinRateLimit(
  socket: SocketInfo,
  config: ServerConfig,
  limiter: RateLimiter | undefined,
  event: string,
  args: unknown[],
): boolean {
  if (limiter === undefined) return true
  if (limiter.take()) {
    limiter.limited = false
    return true
  }
  const { payloads, ack } = splitAck(args)
  const { points, duration } = limiter.options
  const error = new VolleyError(
    'RATE_LIMITED',
    `Too many events: at most ${points} per ${duration} ms. Slow down and retry.`,
  )
  report(config, error, { event, socket, payload: payloads[0], phase: 'event' }, !limiter.limited)
  limiter.limited = true
  ack?.(errorEnvelope(error))
  return false
}

/** Answers an event the contract does not declare, or one no handler is registered for. @internal */
export function handleUnknown(
  socket: SocketInfo,
  config: ServerConfig,
  event: string,
  args: unknown[],
  known: boolean,
): void {
  const { payloads, ack } = splitAck(args)
  const error = new VolleyError(
    'UNKNOWN_EVENT',
    known
      ? `No handler is registered for "${event}" on this server.`
      : `"${event}" is not an event of this server's contract.`,
  )
  report(config, error, { event, socket, payload: payloads[0], phase: 'event' })
  ack?.(errorEnvelope(error))
}
