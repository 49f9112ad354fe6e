import { VolleyError } from './VolleyError'
import type { AckEnvelope } from './types'

/** Wraps an ack payload: `{ ok: true, data }`. */
export function okEnvelope<TData>(data: TData): AckEnvelope<TData> {
  return { ok: true, data }
}

/** Wraps an error: `{ ok: false, error: { code, message, issues? } }`. */
export function errorEnvelope(error: VolleyError): AckEnvelope<never> {
  return { ok: false, error: error.toJSON() }
}

/**
 * Reads an ack envelope that arrived from the other side.
 *
 * @param envelope - untrusted data
 * @returns the data, or a `VolleyError` for `{ ok: false }` and for anything that is not an envelope
 */
export function readEnvelope(
  envelope: unknown,
): { ok: true; data: unknown } | { ok: false; error: VolleyError } {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    if (envelope.ok === true) return { ok: true, data: (envelope as { data?: unknown }).data }
    if (envelope.ok === false)
      return { ok: false, error: VolleyError.fromWire((envelope as { error?: unknown }).error) }
  }
  return {
    ok: false,
    error: new VolleyError(
      'VALIDATION_FAILED',
      '[volley] The peer answered without a Volley ack envelope ({ ok, data } or { ok, error }); see docs/protocol.md.',
    ),
  }
}

/**
 * Turns anything a handler threw into the error to send: a `VolleyError` as it is, anything else as a
 * generic `HANDLER_ERROR` that leaks no internals.
 */
export function toPublicError(error: unknown): VolleyError {
  if (VolleyError.is(error)) return error
  return new VolleyError(
    'HANDLER_ERROR',
    'The handler failed. The error was logged on the side that handled it.',
    {
      cause: error,
    },
  )
}
