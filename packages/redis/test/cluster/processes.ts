import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('../..', import.meta.url))

/** A child process running a script of this folder with tsx, reading source (`@volley/source`). */
export function runScript(script: string, env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=@volley/source',
      '--import',
      'tsx',
      fileURLToPath(new URL(`./${script}`, import.meta.url)),
    ],
    { cwd: packageDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
}

/** A Volley server process. */
export interface NodeProcess {
  readonly name: string
  readonly port: number
  readonly url: string
  readonly child: ChildProcess
  /** What it wrote to stderr. */
  readonly log: () => string
  /** Whether it is still running. */
  readonly alive: () => boolean
}

/** Starts `node.ts` in a child process; resolves once it listens. */
export function startNode(name: string, env: Record<string, string>): Promise<NodeProcess> {
  const child = runScript('node.ts', { NODE_NAME: name, ...env })
  let stderr = ''
  let exited = false
  child.stderr!.on('data', (data: Buffer) => void (stderr += data.toString()))
  child.once('exit', () => void (exited = true))
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`node ${name} exited (${code ?? signal}) before listening: ${stderr}`)),
    )
    let out = ''
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString()
      const match = /READY (\d+)/.exec(out)
      if (match === null) return
      const port = Number(match[1])
      resolve({ name, port, url: `http://127.0.0.1:${port}`, child, log: () => stderr, alive: () => !exited })
    })
  })
}

/** Waits for a child process to exit; resolves to its code and output. */
export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (data: Buffer) => void (stdout += data.toString()))
  child.stderr!.on('data', (data: Buffer) => void (stderr += data.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}

/**
 * A tiny TCP balancer in front of the nodes: each new connection goes to the next node that accepts it
 * (round robin), so clients that lose their node reconnect to the others. WebSocket only: no stickiness.
 */
export async function startBalancer(
  ports: () => readonly number[],
): Promise<{ url: string; close: () => void }> {
  let next = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.pause()
    const candidates = ports()
    const attempt = (tries: number): void => {
      if (tries >= candidates.length) return void client.destroy()
      const port = candidates[next++ % candidates.length]!
      const upstream = createConnection({ port, host: '127.0.0.1' })
      upstream.once('error', () => attempt(tries + 1))
      upstream.once('connect', () => {
        upstream.removeAllListeners('error')
        sockets.add(upstream)
        client.pipe(upstream).pipe(client)
        client.resume()
        const end = (): void => {
          client.destroy()
          upstream.destroy()
        }
        client.on('error', end).on('close', end)
        upstream.on('error', end).on('close', end)
      })
    }
    attempt(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    close: () => {
      server.close()
      for (const socket of sockets) socket.destroy()
    },
  }
}
