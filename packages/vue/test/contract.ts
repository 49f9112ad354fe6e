import { defineContract, VolleyError } from '@volley/core'
import { z } from 'zod'
import type { VolleyServer } from '@volley/core/server'

export const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ text: z.string().min(1) }),
      ack: z.object({ id: z.string(), text: z.string() }),
    },
    'secret:read': { payload: z.object({ key: z.string() }), ack: z.string() },
    typing: { payload: z.object({ room: z.string() }) },
    'time:now': { payload: z.undefined().optional(), ack: z.number() },
  },
  serverToClient: {
    'message:new': { payload: z.object({ id: z.string(), text: z.string() }) },
    tick: { payload: z.number() },
  },
  subscriptions: {
    'room:messages': { params: z.object({ room: z.string() }), item: z.object({ n: z.number() }) },
  },
})

/** Wires the test server's handlers. */
export function handle(io: VolleyServer<typeof chat>): void {
  io.on('connection', (socket) => {
    socket.on('message:send', ({ text }) => ({ id: `m-${text}`, text }))
    socket.on('time:now', () => Date.now())
    socket.on('secret:read', () => {
      throw new VolleyError('UNAUTHORIZED', 'No secrets for you')
    })
  })
}
