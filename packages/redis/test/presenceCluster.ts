import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { onCleanup } from './helpers'

/** A server process of the presence tests (test/presenceNode.ts). */
export interface NodeProcess {
  readonly name: string
  readonly url: string
  readonly child: ChildProcess
  /** Kills it with SIGKILL and waits until it is gone. */
  kill(): Promise<void>
}

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Starts a real Node process running a Volley server over Redis (adapter + presence store), killed after
 * the test if still running.
 * @param name - its name (answered by `whereami`)
 * @param env - `REDIS_URL`, `PREFIX`, `LEASE`
 */
export async function startNode(name: string, env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@volley/source', 'test/presenceNode.ts'],
    {
      cwd: root,
      env: { ...process.env, ...env, NODE_NAME: name },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString()
      const match = /listening (\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    child.stderr!.on('data', (data: Buffer) => void (output += data.toString()))
    child.once('exit', (code) =>
      reject(new Error(`node ${name} exited (${code}) before listening: ${output}`)),
    )
  })
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}
