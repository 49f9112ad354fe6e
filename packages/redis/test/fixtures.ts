import { defineContract } from '@volley/core'
import { z } from 'zod'

/** A small chat contract: a request that broadcasts, a plain event, a subscription. */
export const chat = defineContract({
  clientToServer: {
    join: { payload: z.object({ room: z.string() }), ack: z.object({ node: z.string() }) },
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1) }),
      ack: z.object({ id: z.string(), cursor: z.string() }),
    },
  },
  serverToClient: {
    'message:new': { payload: z.object({ room: z.string(), text: z.string(), from: z.string() }) },
    notice: { payload: z.object({ text: z.string() }) },
    file: { payload: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }) },
  },
  subscriptions: {
    'room:messages': {
      params: z.object({ room: z.string() }),
      item: z.object({ id: z.string(), text: z.string(), from: z.string() }),
    },
  },
})
