export { createServer, VolleyServer } from './createServer'
export type { EngineMiddleware } from './createServer'
export { VolleyNamespace } from './VolleyNamespace'
export type { VolleyMiddleware } from './VolleyNamespace'
export { VolleySocket } from './VolleySocket'
export { VolleyBroadcastOperator } from './VolleyBroadcastOperator'
export type { RateLimitOptions } from './rateLimiter'
export type {
  AttachmentLimitOptions,
  EscalationOptions,
  EventLimitOptions,
  EventLimitsOptions,
  NamespaceLimitsOptions,
  OutgoingLimitOptions,
  ServerLimitsOptions,
} from './limits'
export type {
  CreateServerOptions,
  MaybePromise,
  ServerErrorContext,
  ServerEventHandler,
  ServerRequestOptions,
} from './types'
export { VolleyError } from '../VolleyError'
