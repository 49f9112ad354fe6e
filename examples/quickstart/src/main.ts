// Runs the quick start as written: server.ts on a free port, then client.ts against it, printing both.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const tsx = ['--import', 'tsx', '--conditions=@volley/source']

/** Prints a child's output with a prefix on every line (a chunk may hold several lines, or half of one). */
function prefixLines(prefix: string): (chunk: string) => void {
  let partial = ''
  return (chunk) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) process.stdout.write(`[${prefix}] ${line}\n`)
  }
}

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number }
    probe.close(() => resolve(port))
  })
})

const server = spawn(process.execPath, [...tsx, join(here, 'server.ts')], {
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'inherit'],
})
server.stdout.setEncoding('utf8')
const printServer = prefixLines('server')
await new Promise<void>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`server.ts exited with ${code}`)))
  server.stdout.on('data', (chunk: string) => {
    printServer(chunk)
    if (chunk.includes('Volley listening')) resolve()
  })
})

const client = spawn(process.execPath, [...tsx, join(here, 'client.ts')], {
  env: { ...process.env, URL: `http://localhost:${port}` },
  stdio: ['ignore', 'pipe', 'inherit'],
})
client.stdout.setEncoding('utf8')
client.stdout.on('data', prefixLines('client'))
const code = await new Promise<number | null>((resolve) => client.once('exit', resolve))
await new Promise((resolve) => setTimeout(resolve, 100))
server.removeAllListeners('exit')
server.kill()
console.log(code === 0 ? 'done' : `client.ts exited with ${code}`)
process.exit(code ?? 1)
