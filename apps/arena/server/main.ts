// Starts the arena: the built client, `/api/stats` and the game's sockets on one port, `PORT` (default 3000).
// `--dev` serves the client through Vite's middleware instead of dist/client.
// ARENA_MAX_PLAYERS (default 8) and ARENA_GRACE_MS (default 15000) change the rules, e.g. in tests.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { listen } from '@volley/express'
import { createArenaServer } from './createArenaServer'

const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT ?? 3000)
const root = fileURLToPath(new URL('..', import.meta.url))
const clientDir = join(root, 'dist/client')
const positive = (name: string): number | undefined => {
  const value = process.env[name]
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  if (!(Number.isInteger(number) && number > 0))
    throw new Error(`${name} must be a positive integer, got "${value}".`)
  return number
}

const arena = createArenaServer({
  maxPlayers: positive('ARENA_MAX_PLAYERS'),
  graceMs: positive('ARENA_GRACE_MS'),
})
const app = express()
app.disable('x-powered-by')
app.get('/api/stats', (req, res) => {
  const window = Math.min(120_000, Math.max(1_000, Number(req.query.window) || 10_000))
  res.json(arena.summary(window))
})
if (dev) {
  const { createServer: createVite } = await import('vite')
  const vite = await createVite({ root, server: { middlewareMode: true }, appType: 'spa' })
  app.use(vite.middlewares)
} else if (existsSync(join(clientDir, 'index.html'))) {
  app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }))
  app.get('/{*path}', (_req, res) => res.sendFile(join(clientDir, 'index.html')))
} else {
  console.warn(
    '[arena] dist/client is missing: run `pnpm build` first (the sockets and the bots work without it).',
  )
}

const server = await listen(app, arena.io, port, process.env.HOST)
arena.start()
console.log(`[arena] listening on ${server.summary}${dev ? ' (dev)' : ''}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    arena.loop.stop()
    void server.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 2_000).unref()
  })
}
