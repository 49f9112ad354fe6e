import type { Socket as RawSocket } from 'socket.io'
import { stacklessError, withoutStack } from '../stacklessError'
import { VolleyError } from '../VolleyError'
import { connectionId } from './shield'
import type { ServerConfig } from './types'

/**
 * Turns an error into what socket.io sends on `connect_error`: the message plus `data: { code, message,
 * issues? }` (any error that is not a `VolleyError` becomes `UNAUTHORIZED`). No stack is captured. @internal
 */
export function toConnectError(error: Error): Error {
  const volley = VolleyError.is(error)
    ? error
    : new VolleyError('UNAUTHORIZED', error.message, { cause: error })
  const wire = withoutStack(() => new Error(volley.message)) as Error & { data?: unknown }
  wire.data = volley.toJSON()
  return wire
}

/**
 * Refuses a CONNECT and counts it on the socket's connection (`limits.escalation`): past the threshold,
 * the refusal says the connection closes, one line is logged with what it was refused, and the
 * connection is closed once that answer is out; later CONNECTs still in flight close it at once. @internal
 */
export function refuseConnect(
  config: ServerConfig,
  raw: RawSocket,
  error: Error,
  next: (error?: Error) => void,
): void {
  const { shield } = config
  const verdict = shield.connectRefused(raw)
  if (verdict === 'refuse') return next(toConnectError(error))
  if (verdict === 'closing') {
    raw.conn.close()
    return next(toConnectError(error))
  }
  const { refusals, window } = shield.escalation!
  const repeats = shield.log.repeats(raw.conn)
  shield.log.write(
    'warn',
    `[volley] connection ${connectionId(raw)} closed: more than ${refusals} refused CONNECT attempts within ${window} ms${repeats === '' ? '' : `; ${repeats}`}.`,
  )
  shield.log.end(raw.conn, false)
  const closing = stacklessError(
    'RATE_LIMITED',
    `Too many refused connection attempts (more than ${refusals} within ${window} ms); closing the connection.`,
  )
  next(toConnectError(closing))
  // socket.io writes the CONNECT_ERROR on the next tick; close once it is out.
  setTimeout(() => raw.conn.close(), 0)
}

/**
 * Refuses, before anything else, a CONNECT on a connection being closed for refusals, or from a key in
 * its cool-down (`limits.escalation.coolDown`). @internal
 * @returns `true` when the CONNECT was refused
 */
export function refusedBeforeAdmit(
  config: ServerConfig,
  raw: RawSocket,
  next: (error?: Error) => void,
): boolean {
  if (config.shield.closing(raw)) {
    raw.conn.close()
    next(toConnectError(new Error('closing')))
    return true
  }
  const coolDown = config.shield.coolingDown(raw)
  if (coolDown === 0) return false
  const error = stacklessError(
    'RATE_LIMITED',
    `Disconnected recently for too many refused messages; retry in ${Math.ceil(coolDown / 1000)} s.`,
  )
  refuseConnect(config, raw, error, next)
  return true
}
