/** Prefix of Volley's own protocol events (see docs/protocol.md). @internal */
export const SYSTEM_EVENT_PREFIX = '$volley:'

/**
 * Sent by the server just before it disconnects a socket for its own reasons (too many refusals), with
 * the reason as a wire error: `{ code, message }`. @internal
 */
export const DISCONNECT_REASON_EVENT = `${SYSTEM_EVENT_PREFIX}disconnect`
