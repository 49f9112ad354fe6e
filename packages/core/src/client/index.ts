export { createClient } from './createClient'
export { VolleyClient } from './VolleyClient'
export { EventObserver } from './eventObserver'
export type { EventSnapshot } from './eventObserver'
export { RequestObserver } from './requestObserver'
export type { RequestSnapshot } from './requestObserver'
export type {
  ClientEventHandler,
  ClientRequestOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  CreateClientOptions,
  ValidateIncoming,
} from './types'
export { VolleyError } from '../VolleyError'
