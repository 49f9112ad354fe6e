import { fork, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerCommand, ServerConfig, ServerReply } from './serverProtocol'

/** Heap plus Buffers (queued frames and attachments are Buffers, outside the V8 heap), from a `heap` reply. */
export function memory(reply: ServerReply): number {
  return (reply.heapUsed ?? 0) + (reply.external ?? 0)
}

/** A soak server running in its own process. */
export interface SoakServer {
  readonly url: string
  /** Sends a command and resolves with the reply. */
  call(command: ServerCommand): Promise<ServerReply>
  /** Bytes the process wrote to stderr (the default logger's output). */
  stderrBytes(): number
  stop(): Promise<void>
}

/**
 * Starts `serverProcess.ts` in a child process (with --expose-gc, under tsx) and waits for its port.
 * `@volley/core` is loaded as this process loads it (its `--conditions`), or from source with `source`.
 *
 * @example
 * const server = await spawnServer({ target: 'raw', extraEvents: 0 })
 * @param config - what to run
 * @param source - load `@volley/core` from source (tests) rather than its build. Defaults to `false`.
 * @returns the running server
 */
export function spawnServer(config: ServerConfig, source = false): Promise<SoakServer> {
  const child = forkTsx('./serverProcess.ts', { SOAK_SERVER: JSON.stringify(config) }, source)
  let stderr = 0
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.length))
  let next = 0
  const pending = new Map<number, (reply: ServerReply) => void>()
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`soak server exited with ${code}`)))
    child.on('message', (message: { ready?: number; id?: number; reply?: ServerReply }) => {
      if (message.ready !== undefined) {
        resolve({
          url: `http://127.0.0.1:${message.ready}`,
          call: (command) =>
            new Promise((done) => {
              const id = ++next
              pending.set(id, done)
              child.send({ id, command })
            }),
          stderrBytes: () => stderr,
          stop: () =>
            new Promise((done) => {
              child.removeAllListeners('exit')
              child.once('exit', () => done())
              child.kill()
            }),
        })
      } else if (message.id !== undefined) {
        pending.get(message.id)?.(message.reply ?? {})
        pending.delete(message.id)
      }
    })
  })
}

/**
 * Forks one of the soak's TypeScript entry points under tsx, with --expose-gc, stderr piped. `@volley/core`
 * is loaded as this process loads it (its `--conditions`), or from source with `source`.
 *
 * @param entry - a path relative to this file
 * @param env - extra environment variables
 * @param source - add `--conditions=@volley/source`. Defaults to `false`.
 * @returns the child process, with an IPC channel
 */
export function forkTsx(entry: string, env: Record<string, string>, source = false): ChildProcess {
  const conditions = source
    ? ['--conditions=@volley/source']
    : process.execArgv.filter((arg) => arg.startsWith('--conditions'))
  // tsx as this package resolves it: the child may start in a directory (the repo root) that has none.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    execArgv: ['--expose-gc', '--import', tsx, ...conditions],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  })
}
