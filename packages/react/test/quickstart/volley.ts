import { createVolleyReact } from '@volley/react'
import { chat } from './contract'

export const { VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus } =
  createVolleyReact(chat)
