export { subscriptionStoreConformance } from './subscriptionStoreConformance'
export type { SubscriptionStoreConformanceOptions } from './subscriptionStoreConformance'
export { idempotencyStoreConformance } from './idempotencyStoreConformance'
export type { ConformanceCheck } from './check'
