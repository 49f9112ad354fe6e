// One worker process of the scale-out bench: a Volley server on a free port, over Redis when REDIS_URL is
// set (createRedisOptions), alone otherwise. Prints "READY <port>". Receivers join the room; `trigger`
// broadcasts one `tick` to it; `echo` answers its payload.
import { defineContract } from '@volley/core'
import { createServer } from '@volley/core/server'
import { connectRedis, createRedisOptions } from '@volley/redis'
import { z } from 'zod'

export const scaleOutContract = defineContract({
  clientToServer: {
    join: { payload: z.object({}), ack: z.object({ ok: z.boolean() }) },
    trigger: { payload: z.object({ seq: z.number().int() }), ack: z.object({ ok: z.boolean() }) },
    echo: { payload: z.object({ n: z.number() }), ack: z.object({ n: z.number() }) },
  },
  serverToClient: { tick: { payload: z.object({ seq: z.number().int() }) } },
})

if (process.env.SCALE_OUT_WORKER === '1') {
  const url = process.env.REDIS_URL
  const redis = url === undefined || url === '' ? undefined : await connectRedis(url)
  const io = createServer(scaleOutContract, {
    ...(redis === undefined ? {} : createRedisOptions(redis, { prefix: process.env.PREFIX })),
    logger: false,
  })
  io.on('connection', (socket) => {
    socket.on('join', async () => {
      await socket.raw.join('room')
      return { ok: true }
    })
    socket.on('trigger', ({ seq }) => {
      io.to('room').emit('tick', { seq })
      return { ok: true }
    })
    socket.on('echo', ({ n }) => ({ n }))
  })
  io.listen(0)
  const address = io.raw.httpServer.address()
  console.log(`READY ${typeof address === 'object' && address !== null ? address.port : 0}`)
}
