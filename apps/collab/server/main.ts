import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from '@volley/core/server'
import { collab } from '../src/contract'
import { attachCollab } from './collabServer'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const port = Number(process.env.PORT ?? 3001)
const dev = process.argv.includes('--dev')

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
}

/** Serves the built client from dist/, falling back to index.html. */
function serveStatic(req: IncomingMessage, res: ServerResponse): void {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  )
  let file = join(dist, path)
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory())
    file = join(dist, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('Client not built: run `pnpm build` first.')
    return
  }
  const immutable = file.includes(`${join(dist, 'assets')}`)
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(file).pipe(res)
}

// The page handler is registered before socket.io attaches, so socket.io answers /socket.io/ itself.
let handle: (req: IncomingMessage, res: ServerResponse) => void = serveStatic
const http = createHttpServer((req, res) => handle(req, res))
const io = createServer(collab, { maxHttpBufferSize: 5e6 })
io.attach(http)
attachCollab(io)

if (dev) {
  const { createServer: createVite } = await import('vite')
  const vite = await createVite({
    root,
    server: { middlewareMode: true, hmr: { server: http } },
    appType: 'spa',
  })
  handle = (req, res) => vite.middlewares(req, res)
}

http.listen(port, () => console.log(`collab: http://localhost:${port}${dev ? ' (dev)' : ''}`))

const shutdown = (): void => {
  void io.close().finally(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
