import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { StatsSummary } from '../server/ServerStats'

const root = fileURLToPath(new URL('..', import.meta.url))

/** A free port on 127.0.0.1, from the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** The arena server in a process of its own (so its CPU is its own), on a free port; resolves once it listens. */
export async function startServerProcess(): Promise<{
  url: string
  stats(windowMs: number): Promise<StatsSummary>
  stop(): Promise<void>
}> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@volley/source', 'server/main.ts'],
    {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('[arena] listening')) resolve()
    })
    child.once('exit', (code) =>
      reject(new Error(`the arena server exited (${code}) before listening:\n${output}`)),
    )
  })
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    async stats(windowMs) {
      const response = await fetch(`${url}/api/stats?window=${windowMs}`)
      return (await response.json()) as StatsSummary
    },
    stop() {
      return new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
