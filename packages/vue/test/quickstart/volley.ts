// volley.ts — bind Vue to the contract once
import { createVolleyVue } from '../../src/index'
import { chat } from './contract'

export const { plugin, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyVue(chat)
