import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A real redis-server this process started: stop it, start it again on the same port, or kill it. */
export interface RedisServer {
  /** The port it listens on (127.0.0.1), the same across `stop()` and `start()`. */
  readonly port: number
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string
  /** Its process id while it runs, `undefined` when stopped. */
  readonly pid: number | undefined
  /** Stops it (SIGTERM: no save, nothing persisted) and waits until the process is gone. */
  stop(): Promise<void>
  /** Kills it with SIGKILL (a crash) and waits until the process is gone. */
  kill(): Promise<void>
  /** Starts it again on the same port, empty (nothing was saved), and waits until it answers PING. */
  start(): Promise<void>
  /** Stops it for good and removes its folder. */
  close(): Promise<void>
}

/** Options of `startRedisServer`. */
export interface StartRedisServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--maxmemory', '10mb']`. Defaults to none. */
  readonly args?: readonly string[]
  /** Milliseconds to wait for it to answer PING. Defaults to `10_000`. */
  readonly timeout?: number
  /** The executable. Defaults to `'redis-server'` (found on `PATH`). */
  readonly command?: string
}

/** The redis-servers this process started and runs, with their folders. */
const running = new Map<number, string>()
let exitHookInstalled = false

function killRunning(): void {
  for (const [pid, dir] of running) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true })
  }
  running.clear()
}

/**
 * Kills what this process started if it exits without stopping them (a crashed test worker), or is
 * stopped by SIGINT/SIGTERM (an interrupted test run), which skips `exit` handlers: the signal is then
 * raised again, so the process still ends the way it would have.
 */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', killRunning)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killRunning()
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    })
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Whether a redis-server answers PING on a port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    let answer = ''
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      answer += chunk.toString()
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'))
    })
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Starts a real `redis-server` on a free port of 127.0.0.1: daemonized, `--save '' --appendonly no`, with a
 * pidfile in a temporary folder. It fails loudly, never skips, when `redis-server` is not installed: Redis
 * tests must really run (`bash scripts/bootstrap.sh --system` installs it). Stop it with `close()`.
 *
 * @example
 * const redis = await startRedisServer()
 * const client = new Redis(redis.url)
 * await redis.stop() // an outage
 * await redis.start() // back, on the same port, empty
 * await redis.close()
 * @param options - extra `args`, and the `timeout` to wait for it
 * @returns the running server
 * @throws Error when `redis-server` is missing or does not answer in time
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const command = options.command ?? 'redis-server'
  const version = spawnSync(command, ['--version'], { encoding: 'utf8' })
  if (version.error !== undefined || version.status !== 0) {
    throw new Error(
      `[volley] ${command} is not installed, and Redis tests never skip: install it with "bash scripts/bootstrap.sh --system" (Debian: apt-get install redis-server).`,
    )
  }
  installExitHook()
  const dir = mkdtempSync(join(tmpdir(), 'volley-redis-'))
  const pidfile = join(dir, 'redis.pid')
  const timeout = options.timeout ?? 10_000
  let port = 0
  let pid: number | undefined

  const launch = async (): Promise<void> => {
    rmSync(pidfile, { force: true })
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--daemonize',
      'yes',
      '--pidfile',
      pidfile,
      '--dir',
      dir,
      '--logfile',
      join(dir, 'redis.log'),
      '--save',
      '',
      '--appendonly',
      'no',
      ...(options.args ?? []),
    ]
    const result = spawnSync(command, args, { encoding: 'utf8' })
    if (result.status !== 0) {
      throw new Error(`[volley] redis-server did not start: ${result.stderr || result.stdout}`)
    }
    const deadline = Date.now() + timeout
    while (Date.now() < deadline) {
      if (pid === undefined) {
        try {
          pid = Number(readFileSync(pidfile, 'utf8').trim())
          running.set(pid, dir)
        } catch {
          // not written yet
        }
      }
      if (pid !== undefined && !alive(pid)) break
      if (pid !== undefined && (await ping(port))) return
      await sleep(20)
    }
    let log = ''
    try {
      log = readFileSync(join(dir, 'redis.log'), 'utf8').split('\n').slice(-5).join('\n')
    } catch {
      // no log
    }
    if (pid !== undefined) await terminate('SIGKILL')
    throw new Error(`[volley] redis-server on port ${port} did not answer PING within ${timeout} ms.\n${log}`)
  }

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const current = pid
    if (current === undefined) return
    try {
      process.kill(current, signal)
    } catch {
      // already gone
    }
    const deadline = Date.now() + timeout
    while (alive(current) && Date.now() < deadline) await sleep(10)
    if (alive(current)) process.kill(current, 'SIGKILL')
    running.delete(current)
    pid = undefined
  }

  // The free port may be taken between the check and the start: try a few.
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort()
    try {
      await launch()
      break
    } catch (error) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true })
        throw error
      }
    }
  }

  return {
    get port() {
      return port
    },
    get url() {
      return `redis://127.0.0.1:${port}`
    },
    get pid() {
      return pid
    },
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    start: async () => {
      if (pid === undefined) await launch()
    },
    close: async () => {
      await terminate('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
