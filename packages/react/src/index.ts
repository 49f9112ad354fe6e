export { createVolleyReact } from './createVolleyReact'
export type {
  UseConnectionStatusResult,
  UseRequestOptions,
  UseRequestResult,
  UseSocketEventHandler,
  UseSocketEventResult,
  VolleyProviderProps,
  VolleyReact,
} from './types'
