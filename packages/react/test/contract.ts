import { defineContract } from '@volley/core'
import { z } from 'zod'

/** The contract the tests speak. */
export const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
    ping: { payload: z.undefined(), ack: z.literal('pong') },
    typing: { payload: z.object({ room: z.string() }) },
  },
  serverToClient: {
    a: { payload: z.object({ n: z.number() }) },
    b: { payload: z.object({ n: z.number() }) },
    'message:new': {
      payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
    },
  },
  subscriptions: {
    'room:messages': { params: z.object({ room: z.string() }), item: z.object({ n: z.number() }) },
  },
})
