import { createVolleyReact } from '@volley/react'
import { chat } from '../shared/contract'

/** The chat's typed hooks, bound to the shared contract once. */
export const {
  VolleyProvider,
  useSocket,
  useSocketEvent,
  useRequest,
  useConnectionStatus,
  useSubscription,
  useOutbox,
  useOnConnect,
  usePresence,
} = createVolleyReact(chat)
