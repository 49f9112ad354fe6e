import { spawn } from 'node:child_process'
import { existsSync, readlinkSync } from 'node:fs'
import { createConnection } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'
import { startRedisServer, type RedisServer } from '../src/index'

const started: RedisServer[] = []
afterAll(async () => {
  for (const server of started) await server.close()
})

/** Sends one inline command and returns the first reply line. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write(`${line}\r\n`))
    socket.once('error', reject)
    socket.once('data', (chunk) => {
      socket.destroy()
      resolve(chunk.toString().split('\r\n')[0]!)
    })
  })
}

it('starts a real redis-server on a free port, without persistence', async () => {
  const server = await startRedisServer()
  started.push(server)
  expect(server.url).toBe(`redis://127.0.0.1:${server.port}`)
  expect(server.pid).toBeGreaterThan(0)
  expect(await command(server.port, 'PING')).toBe('+PONG')
  await expect(command(server.port, 'CONFIG GET appendonly')).resolves.toBe('*2')
})

it('stops and starts again on the same port, empty (an outage); kill is a crash', async () => {
  const server = await startRedisServer()
  started.push(server)
  const { port } = server
  expect(await command(port, 'SET k v')).toBe('+OK')
  await server.stop()
  expect(server.pid).toBeUndefined()
  await expect(command(port, 'PING')).rejects.toThrow(/ECONNREFUSED/)
  await server.start()
  expect(server.port).toBe(port)
  expect(await command(port, 'GET k')).toBe('$-1')
  await server.kill()
  await expect(command(port, 'PING')).rejects.toThrow(/ECONNREFUSED/)
  await server.start()
  expect(await command(port, 'PING')).toBe('+PONG')
})

it('fails loudly, never skips, when redis-server is missing', async () => {
  await expect(startRedisServer({ command: 'redis-server-that-is-not-installed' })).rejects.toThrow(
    /\[volley\] redis-server-that-is-not-installed is not installed, and Redis tests never skip/,
  )
})

it('does not outlive a test process stopped by SIGTERM (an interrupted run), nor leave its folder', async () => {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))
  const script = `import { startRedisServer } from ${JSON.stringify(entry)}
const server = await startRedisServer()
console.log(server.pid)
setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const pid = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting redis-server`)))
  })
  expect(pid).toBeGreaterThan(0)
  // redis-server runs in its own temporary folder (`--dir`); Linux shows it as the process's cwd.
  const dir = readlinkSync(`/proc/${pid}/cwd`)
  expect(dir).toMatch(/volley-redis-/)
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  child.kill('SIGTERM')
  expect(await exited).toBe('SIGTERM')
  const alive = () => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 5_000 })
  expect(existsSync(dir)).toBe(false)
})
