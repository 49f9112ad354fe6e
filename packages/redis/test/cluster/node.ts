// One Volley server process of the multi-process proof: REDIS_URL, PREFIX, NODE_NAME, LEASE from the
// environment; prints "READY <port>" once listening. `send` counts its runs in Redis (runs:<id>).
import { createServer } from '@volley/core/server'
import { connectRedis, createRedisOptions } from '../../src/index'
import { cluster } from './contract'

const name = process.env.NODE_NAME ?? 'node'
const redis = await connectRedis(process.env.REDIS_URL ?? '', {
  timeout: Number(process.env.TIMEOUT ?? 5_000),
})
const io = createServer(cluster, {
  ...createRedisOptions(redis, { prefix: process.env.PREFIX, lease: Number(process.env.LEASE ?? 2_000) }),
  connectionStateRecovery: {},
  logger: {
    warn: (message) => console.error(`[${name}] ${message}`),
    error: (message) => console.error(`[${name}] ${message}`),
  },
})
io.subscription('room:messages')
io.on('connection', (socket) => {
  socket.on('join', async ({ room }) => {
    await socket.raw.join(room)
    return { node: name }
  })
  socket.on('shout', ({ room, text }) => {
    io.to(room).emit('notice', { text, node: name })
    return { node: name }
  })
  socket.on('send', async ({ room, id, slow }) => {
    await redis.incr(`runs:${id}`)
    if (slow !== undefined) await new Promise((resolve) => setTimeout(resolve, slow))
    const cursor = await io.publish('room:messages', { room }, { id, node: name })
    return { cursor, node: name }
  })
})
io.listen(0)
const address = io.raw.httpServer.address()
console.log(`READY ${typeof address === 'object' && address !== null ? address.port : 0}`)
process.on('SIGTERM', () => void io.close().then(() => process.exit(0)))
