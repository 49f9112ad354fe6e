// The contract of the tests; the fixture app imports it too (Next compiles it into route code).
import { defineContract } from '@volley/core'
import { z } from 'zod'

export const contract = defineContract({
  clientToServer: {
    note: { payload: z.object({ text: z.string().min(1).max(100) }), ack: z.object({ id: z.number() }) },
  },
  serverToClient: {
    noted: { payload: z.object({ id: z.number(), text: z.string() }) },
  },
})
