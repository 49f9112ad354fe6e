// The emitter process of the multi-process proof: holds no sockets; publishes COUNT items to ROOM through
// Redis, prints their cursors as JSON, and exits.
import { connectRedis, createRedisEmitter } from '../../src/index'
import { cluster } from './contract'

const redis = await connectRedis(process.env.REDIS_URL ?? '')
const emitter = createRedisEmitter(cluster, redis, { prefix: process.env.PREFIX })
const room = process.env.ROOM ?? 'lobby'
const cursors: string[] = []
for (let n = 0; n < Number(process.env.COUNT ?? 3); n += 1) {
  cursors.push(await emitter.publish('room:messages', { room }, { id: `emitter-${n}`, node: 'emitter' }))
}
await emitter.to(room).emit('notice', { text: 'from the emitter', node: 'emitter' })
console.log(JSON.stringify(cursors))
await redis.quit()
