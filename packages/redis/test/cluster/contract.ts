import { defineContract } from '@volley/core'
import { z } from 'zod'

/** The contract of the multi-process proof: a room stream, a broadcast, a request that publishes. */
export const cluster = defineContract({
  clientToServer: {
    join: { payload: z.object({ room: z.string() }), ack: z.object({ node: z.string() }) },
    shout: { payload: z.object({ room: z.string(), text: z.string() }), ack: z.object({ node: z.string() }) },
    send: {
      payload: z.object({ room: z.string(), id: z.string(), slow: z.number().optional() }),
      ack: z.object({ cursor: z.string(), node: z.string() }),
    },
  },
  serverToClient: {
    notice: { payload: z.object({ text: z.string(), node: z.string() }) },
  },
  subscriptions: {
    'room:messages': {
      params: z.object({ room: z.string() }),
      item: z.object({ id: z.string(), node: z.string() }),
    },
  },
})
