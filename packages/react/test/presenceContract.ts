import { defineContract } from '@volley/core'
import { z } from 'zod'

/** A contract with presence: who is in which room, with a name and a status. */
export const lounge = defineContract({
  clientToServer: {},
  serverToClient: {},
  auth: z.object({ user: z.string() }),
  presence: {
    room: {
      params: z.object({ room: z.string() }),
      meta: z.object({ name: z.string().min(1), status: z.enum(['online', 'away']) }),
    },
  },
})
