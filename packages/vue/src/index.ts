export { createVolleyVue } from './createVolleyVue'
export { createVolleyPlugin } from './volleyPlugin'
export type { VolleyPluginOptions } from './volleyPlugin'
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
  VolleyVue,
} from './types'
