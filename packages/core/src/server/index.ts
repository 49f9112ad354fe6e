export { createServer, VolleyServer } from './createServer'
export type { EngineMiddleware } from './createServer'
export { VolleyNamespace } from './VolleyNamespace'
export type { VolleyMiddleware } from './VolleyNamespace'
export { VolleySocket } from './VolleySocket'
export { VolleyBroadcastOperator } from './VolleyBroadcastOperator'
export type { RateLimitOptions } from './rateLimiter'
export { MemorySubscriptionStore, DEFAULT_RETENTION } from './memorySubscriptionStore'
export type { MemorySubscriptionStoreOptions } from './memorySubscriptionStore'
export type { Retention, StoredItem, StoreGap, StoreReadResult, SubscriptionStore } from './subscriptionStore'
export { MemoryPresenceStore } from './memoryPresenceStore'
export type { PresenceEntry, PresenceStore, PresenceStoreEvents } from './presenceStore'
export { VolleyPresence } from './VolleyPresence'
export type { PresenceContext, PresenceOptions } from './presenceOptions'
export { MemoryIdempotencyStore } from './idempotencyStore'
export type { IdempotencyRecord, IdempotencyStore, MemoryIdempotencyStoreOptions } from './idempotencyStore'
export type { SnapshotContext, SubscriptionContext, SubscriptionOptions } from './subscriptionOptions'
export { subscriptionTarget } from './subscriptionTarget'
export type { SubscriptionTarget } from './subscriptionTarget'
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
