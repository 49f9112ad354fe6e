'use client'
// The provider and hooks, typed by the contract. A 'use client' module: the Server Component layout can
// import the provider from here and render it around server-rendered children.
import { createVolleyReact } from '@volley/react'
import { dashboard } from '../../lib/contract'

export const {
  VolleyProvider,
  useSocket,
  useSocketEvent,
  useRequest,
  useConnectionStatus,
  useSubscription,
  usePresence,
} = createVolleyReact(dashboard)
