// contract.ts — shared by server and browser
import { defineContract } from '@volley/core'
import { z } from 'zod'

export const chat = defineContract({
  clientToServer: {
    'message:send': { payload: z.object({ text: z.string().min(1) }), ack: z.object({ id: z.string() }) },
  },
  serverToClient: {
    'message:new': { payload: z.object({ id: z.string(), text: z.string() }) },
  },
})
