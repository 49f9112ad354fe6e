import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerCommand, ServerConfig, ServerReply } from './serverProtocol'

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
  const entry = fileURLToPath(new URL('./serverProcess.ts', import.meta.url))
  const conditions = source
    ? ['--conditions=@volley/source']
    : process.execArgv.filter((arg) => arg.startsWith('--conditions'))
  const child = fork(entry, [], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...conditions],
    env: { ...process.env, SOAK_SERVER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  })
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
