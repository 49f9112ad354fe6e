import { defineContract } from '@volley/core'
import { z } from 'zod'

/** Who is in which room, with a name and a status, keyed by the handshake's `user`. */
export const lounge = defineContract({
  clientToServer: {
    whereami: { payload: z.undefined(), ack: z.object({ node: z.string() }) },
  },
  serverToClient: {},
  auth: z.object({ user: z.string().min(1) }),
  presence: {
    room: {
      params: z.object({ room: z.string().min(1) }),
      meta: z.object({ name: z.string().min(1), status: z.enum(['online', 'away']) }),
    },
  },
})
