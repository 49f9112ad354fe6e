export { createClient } from './createClient'
export { VolleyClient } from './VolleyClient'
export { Subscribable } from './subscribable'
export { EventObserver } from './eventObserver'
export type { EventSnapshot } from './eventObserver'
export { RequestObserver } from './requestObserver'
export type { RequestSnapshot } from './requestObserver'
export { Subscription } from './subscription'
export { SubscriptionObserver } from './subscriptionObserver'
export type { SubscriptionObserverOptions } from './subscriptionObserver'
export { Outbox } from './outbox'
export { Presence } from './presence'
export { PresenceObserver } from './presenceObserver'
export type { PresenceObserverOptions } from './presenceObserver'
export type { ConnectListener } from './connectionLifecycle'
export type {
  ClientEventHandler,
  ClientRequestOptions,
  ConnectInfo,
  ConnectionSnapshot,
  ConnectionStatus,
  CreateClientOptions,
  OutboxItem,
  OutboxSnapshot,
  PresenceJoinOptions,
  PresenceSnapshot,
  SubscribeOptions,
  SubscriptionGap,
  SubscriptionItemsInfo,
  SubscriptionSnapshot,
  ValidateIncoming,
  VolatileEmitter,
} from './types'
export { VolleyError } from '../VolleyError'
