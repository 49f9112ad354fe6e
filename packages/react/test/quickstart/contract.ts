import { defineContract } from '@volley/core'
import { z } from 'zod'

export const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
  },
  serverToClient: {
    'message:new': {
      payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
    },
  },
})
