// Starts the chat: Express (REST + the built client) and Volley (sockets) on one port, `PORT` (default 3000).
// `--dev` serves the client through Vite's middleware instead of dist/client. `SESSION_FILE` keeps sign-ins
// across restarts (message history is in memory: clients are told when it is gone). With `REDIS_URL`, the
// adapter, history, idempotency keys, presence and sessions live in Redis (see server/cluster.ts for several
// processes on one port).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { listen } from '@volley/express'
import { connectRedis } from '@volley/redis'
import { createChatApp } from './createChatApp'

const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT ?? 3000)
const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url))
const redis = process.env.REDIS_URL ? await connectRedis(process.env.REDIS_URL) : undefined

const { app, io, close } = createChatApp({
  clientDir: dev ? undefined : clientDir,
  sessionFile: process.env.SESSION_FILE,
  redis,
})
if (dev) {
  const { createServer: createVite } = await import('vite')
  const vite = await createVite({
    root: fileURLToPath(new URL('..', import.meta.url)),
    server: { middlewareMode: true },
    appType: 'spa',
  })
  app.use(vite.middlewares)
} else if (!existsSync(clientDir)) {
  console.warn('[chat] dist/client is missing: run `pnpm build` first (the API and sockets work without it).')
}

const server = await listen(app, io, port, process.env.HOST)
console.log(`[chat] listening on ${server.summary}${dev ? ' (dev)' : ''}${redis ? ' (Redis)' : ''}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .then(close)
      .finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 2_000).unref()
  })
}
