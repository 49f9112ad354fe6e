import { createServer } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { connectRedis } from '../src/index'
import { onCleanup, useRedisServer } from './helpers'

const redis = useRedisServer()

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('connectRedis', () => {
  it('resolves with a ready client', async () => {
    const client = await connectRedis(redis.server.url, { logger: false })
    onCleanup(() => client.disconnect())
    expect(client.status).toBe('ready')
    expect(await client.ping()).toBe('PONG')
  })

  it('rejects within its timeout when Redis is down, with the URL and the reason', async () => {
    const port = await closedPort()
    const started = Date.now()
    await expect(connectRedis(`redis://user:secret@127.0.0.1:${port}`, { timeout: 500 })).rejects.toThrow(
      new RegExp(
        `^\\[volley\\] Could not connect to Redis at redis://\\*\\*\\*@127\\.0\\.0\\.1:${port} within 500 ms \\(.*ECONNREFUSED`,
      ),
    )
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('rejects what is not a Redis URL at once', async () => {
    await expect(connectRedis('http://localhost:6379')).rejects.toThrow(
      /\[volley\] connectRedis: "http:\/\/localhost:6379" is not a Redis URL/,
    )
    await expect(connectRedis('')).rejects.toThrow(/is not a Redis URL/)
  })

  it('logs an outage once and the recovery once, and never crashes', async () => {
    const warnings: string[] = []
    const client = await connectRedis(redis.server.url, {
      logger: { warn: (message) => void warnings.push(message), error: () => {} },
      redis: { retryStrategy: () => 50 },
    })
    onCleanup(() => client.disconnect())
    await redis.server.stop()
    await new Promise((resolve) => setTimeout(resolve, 500))
    await redis.server.start()
    // It may be ready again before start() resolves (it retries every 50 ms here): poll its status.
    await vi.waitFor(() => expect(client.status).toBe('ready'), { timeout: 15_000, interval: 20 })
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\[volley\] Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable \(.*\); retrying\.$/,
      ),
      expect.stringMatching(/is reachable again/),
    ])
    expect(await client.ping()).toBe('PONG')
  })
})
