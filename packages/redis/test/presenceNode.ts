// One server process of the presence tests: a Volley server over Redis (the streams adapter and the Redis
// presence store) on a free port. Prints `listening <port>` once ready; a SIGTERM closes it cleanly.
import { createServer } from '@volley/core/server'
import { connectRedis, createRedisAdapter, RedisPresenceStore } from '../src/index'
import { lounge } from './presenceContract'

const node = process.env.NODE_NAME ?? 'node'
const redis = await connectRedis(process.env.REDIS_URL ?? '', { logger: false })
const prefix = process.env.PREFIX
const presenceStore = new RedisPresenceStore(redis, { prefix, lease: Number(process.env.LEASE ?? 10_000) })
const io = createServer(lounge, {
  adapter: createRedisAdapter(redis, { prefix }),
  presenceStore,
  logger: false,
})
io.presence('room', { key: (socket) => socket.auth.user })
io.on('connection', (socket) => socket.on('whereami', () => ({ node })))
io.listen(0)
const address = io.raw.httpServer.address()
console.log(`listening ${typeof address === 'object' && address !== null ? address.port : 0}`)

process.once('SIGTERM', () => {
  void io
    .close()
    .then(() => presenceStore.close())
    .finally(() => process.exit(0))
})
