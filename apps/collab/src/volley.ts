import { createVolleyVue } from '@volley/vue'
import { collab } from './contract'

export const { plugin, useSocket, useSocketEvent, useConnectionStatus, useOnConnect } =
  createVolleyVue(collab)
