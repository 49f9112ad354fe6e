export { startRedisServer } from './redisServer'
export type { RedisServer, StartRedisServerOptions } from './redisServer'
