// contract.ts — imported by the server and the browser alike
import { defineContract } from '@volley/core'
import { z } from 'zod'

export const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
      ack: z.object({ id: z.string(), at: z.number() }), // has `ack`: request/response
    },
    typing: { payload: z.object({ room: z.string() }) }, // no `ack`: fire and forget
  },
  serverToClient: {
    'message:new': {
      payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
    },
  },
})
