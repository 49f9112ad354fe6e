import { boundIssues, invalidMessage, quote } from '../bounded'
import { errorEnvelope } from '../envelope'
import type { AckCallback } from '../incoming'
import { stacklessError } from '../stacklessError'
import { PROTOCOL_EVENTS } from '../reserved'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { toIssues } from '../validate'
import type { VolleyIssue } from '../types'
import type { VolleyError, VolleyErrorCode } from '../VolleyError'
import type { EventRoute } from './eventRoutes'
import type { SocketState } from './socketState'

/** Why an incoming message was refused before reaching a handler. @internal */
export type RefusalReason =
  'unknown' | 'unhandled' | 'rate' | 'eventRate' | 'arity' | 'deep' | 'large' | 'invalid'

const CODES: Record<RefusalReason, VolleyErrorCode> = {
  unknown: 'UNKNOWN_EVENT',
  unhandled: 'UNKNOWN_EVENT',
  rate: 'RATE_LIMITED',
  eventRate: 'RATE_LIMITED',
  arity: 'VALIDATION_FAILED',
  deep: 'VALIDATION_FAILED',
  large: 'PAYLOAD_TOO_LARGE',
  invalid: 'VALIDATION_FAILED',
}

/**
 * What a refusal needs beyond its reason: the route, the argument count, or the schema's issues (kept
 * as the schema gave them, converted only when someone reads the error). @internal
 */
export interface RefusalDetail {
  readonly route?: EventRoute
  readonly count?: number
  readonly issues?: readonly (StandardSchemaV1.Issue | VolleyIssue)[]
}

function describe(
  state: SocketState,
  reason: RefusalReason,
  event: unknown,
  detail: RefusalDetail,
  issues: VolleyIssue[] | undefined,
): string {
  const name = quote(event)
  const { config } = state.scope
  switch (reason) {
    case 'unknown':
      return `${name} is not an event of this server's contract.`
    case 'unhandled':
      return `No handler is registered for ${name} on this server.`
    case 'rate':
      return `Too many events: at most ${config.rateLimit?.points} per ${config.rateLimit?.duration} ms. Slow down and retry.`
    case 'eventRate':
      return `Too many ${name} events: at most ${detail.route?.rate?.points} per ${detail.route?.rate?.duration} ms. Slow down and retry.`
    case 'arity':
      return `[volley] ${name} takes one payload argument, got ${detail.count}. Send one object instead.`
    case 'deep':
      return `[volley] The payload of ${name} nests deeper than ${config.maxPayloadDepth} levels and was refused before validation.`
    case 'large':
      return `The payload of ${name} is larger than ${detail.route?.maxBytes} bytes.`
    case 'invalid':
      return invalidMessage(String(event), 'payload', issues ?? [])
  }
}

/**
 * Refuses an incoming message before any handler sees it: counts it towards escalation, logs it through
 * the socket's episode (first of its kind only), hands it to `onError`, and answers its ack when the
 * sender asked for one (a fire-and-forget message is dropped without an answer). The error is built only
 * when someone reads it, and without a stack trace. Disconnects the socket once it is over
 * `limits.escalation`. Never throws. @internal
 */
export function refuse(
  state: SocketState,
  reason: RefusalReason,
  event: unknown,
  payload: unknown,
  ack: AckCallback | undefined,
  detail: RefusalDetail = {},
): void {
  const { config } = state.scope
  const { shield } = config
  const raw = state.socket.raw
  const code = CODES[reason]
  const first = shield.log.note(raw, code, 'socket', raw.id, 'disconnect')
  if (first || ack !== undefined || config.onError !== undefined) {
    const issues = detail.issues === undefined ? undefined : toIssues(detail.issues)
    const error = stacklessError(code, describe(state, reason, event, detail, issues), {
      issues: issues === undefined ? undefined : boundIssues(issues),
    })
    if (first) {
      shield.log.write(
        'warn',
        `[volley] event ${quote(event)} from socket ${raw.id}: ${code}: ${error.message} (repeats from this socket are counted, not logged)`,
      )
    }
    hook(state, error, event, payload)
    ack?.(errorEnvelope(error))
  }
  countRefusal(state)
}

/**
 * Counts one refusal towards the socket's escalation (`limits.escalation`) and disconnects it once it is
 * over. Refusals outside `refuse` (Volley's protocol events) are counted through `report`. @internal
 */
export function countRefusal(state: SocketState): void {
  if (!state.kicked && state.scope.config.shield.overLimit(state.bucketsNow())) kick(state)
}

function hook(state: SocketState, error: VolleyError, event: unknown, payload: unknown): void {
  const { onError } = state.scope.config
  if (onError === undefined) return
  try {
    onError(error, {
      event: event === undefined ? undefined : String(event),
      socket: state.socket,
      payload,
      phase: 'event',
    })
  } catch {
    // A failing hook must not take the server down.
  }
}

/**
 * Disconnects a socket that was refused too often: tells it why (`$volley:disconnect` with
 * `{ code: 'RATE_LIMITED', message }`), closes its connection, starts the cool-down of its key, and
 * logs one line with what it was refused. @internal
 */
export function kick(state: SocketState): void {
  if (state.kicked) return
  state.kicked = true
  const { shield } = state.scope.config
  const raw = state.socket.raw
  const { refusals, window } = shield.escalation!
  const message = `Disconnected: more than ${refusals} refused messages within ${window} ms.`
  const repeats = shield.log.repeats(raw)
  shield.log.write(
    'warn',
    `[volley] socket ${raw.id} disconnected: more than ${refusals} refusals within ${window} ms${repeats === '' ? '' : `; ${repeats}`}.`,
  )
  shield.log.end(raw, false)
  shield.coolDown(raw)
  hook(state, stacklessError('RATE_LIMITED', message), undefined, undefined)
  try {
    raw.emit(PROTOCOL_EVENTS.disconnect, { code: 'RATE_LIMITED', message })
  } finally {
    raw.disconnect(true)
  }
}
