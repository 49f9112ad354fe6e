// The chat on several processes behind one port, as users scale a Socket.IO app on one machine: Node's
// `cluster`, `@socket.io/sticky` (each Socket.IO session stays on the worker that made it, so HTTP
// long-polling works) and Redis (the streams adapter, message history, presence and sessions), so that
// people on different workers see each other and chat. A worker that dies is replaced.
//   REDIS_URL=redis://127.0.0.1:6379 WORKERS=2 PORT=3000 pnpm start:cluster
// For several machines, put a load balancer with sticky sessions in front (see the README: nginx ip_hash).
import cluster, { type Worker } from 'node:cluster'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { setupMaster, setupWorker } from '@socket.io/sticky'
import { connectRedis } from '@volley/redis'
import { createChatApp } from './createChatApp'

const redisUrl = process.env.REDIS_URL
if (!redisUrl) {
  console.error('[chat] the cluster needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379).')
  process.exit(2)
}

if (cluster.isPrimary) {
  const count = Number(process.env.WORKERS ?? 2)
  const port = Number(process.env.PORT ?? 3000)
  // One secret for every worker: a session cookie signed by one is read by the others.
  process.env.SESSION_SECRET ??= randomBytes(32).toString('hex')
  const numbers = new Map<Worker, number>()
  let stopping = false
  const fork = (number: number): Promise<void> => {
    const worker = cluster.fork({ CHAT_WORKER: String(number) })
    numbers.set(worker, number)
    return new Promise((resolve) => worker.on('message', (message) => message === 'chat:ready' && resolve()))
  }

  const http = createServer()
  // Least connections first: two people who connect one after the other land on different workers.
  setupMaster(http, { loadBalancingMethod: 'least-connection' })
  cluster.setupPrimary({ serialization: 'advanced' })
  cluster.on('exit', (worker, code, signal) => {
    const number = numbers.get(worker) ?? 0
    numbers.delete(worker)
    if (stopping) return
    console.warn(
      `[chat] worker ${number} (pid ${worker.process.pid}) exited (${signal ?? code}); starting a new one`,
    )
    void fork(number)
  })
  await Promise.all(Array.from({ length: count }, (_, index) => fork(index + 1)))
  http.listen(port, process.env.HOST, () =>
    console.log(`[chat] listening on http://localhost:${port} (${count} workers, Redis)`),
  )

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true
      http.close()
      for (const worker of numbers.keys()) worker.process.kill('SIGTERM')
      const done = (): void => {
        if (numbers.size === 0) process.exit(0)
      }
      cluster.on('exit', done)
      done()
      setTimeout(() => process.exit(0), 3_000).unref()
    })
  }
} else {
  const worker = Number(process.env.CHAT_WORKER)
  const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url))
  if (!existsSync(clientDir)) console.warn('[chat] dist/client is missing: run `pnpm build` first.')
  const redis = await connectRedis(redisUrl)
  const { app, io, close } = createChatApp({ clientDir, redis, worker })
  const http = createServer(app)
  io.attach(http)
  setupWorker(io.raw)
  process.send?.('chat:ready')
  console.log(`[chat] worker ${worker} ready (pid ${process.pid})`)
  process.once('SIGTERM', () => {
    void io
      .close()
      .then(close)
      .then(() => redis.quit())
      .finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 2_000).unref()
  })
}
