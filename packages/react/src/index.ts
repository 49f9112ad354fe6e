export { createVolleyReact } from './createVolleyReact'
export type {
  UseConnectionStatusResult,
  UseOnConnectListener,
  UseOutboxResult,
  UsePresenceOptions,
  UsePresenceResult,
  UseRequestOptions,
  UseRequestResult,
  UseSocketEventHandler,
  UseSocketEventResult,
  UseSubscriptionOptions,
  UseSubscriptionResult,
  VolleyProviderProps,
  VolleyReact,
} from './types'
