import { RawSocket } from '../wire/rawSocket'
import { spawnServer } from './spawnServer'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Server heap per idle connection, in bytes. */
export interface IdleMemoryResult {
  readonly target: 'raw' | 'volley'
  readonly extraEvents: number
  readonly bytesPerConnection: number
}

/**
 * Connects `clients` idle clients (each joins `/`; the server registers a handler per contract event) and
 * measures the server's heap growth after GC, per connection.
 *
 * @param target - raw socket.io or Volley
 * @param extraEvents - contract size beyond the three fixed events
 * @param clients - how many connections
 * @param source - load `@volley/core` from source. Defaults to `false` (its build).
 * @returns the heap delta per connection
 */
export async function measureIdleMemory(
  target: 'raw' | 'volley',
  extraEvents: number,
  clients: number,
  source = false,
): Promise<IdleMemoryResult> {
  const server = await spawnServer({ target, extraEvents, logger: 'silent' }, source)
  const sockets: RawSocket[] = []
  try {
    // Warm up code paths and lazily created structures before the baseline.
    const warm = await Promise.all(
      Array.from({ length: 20 }, () => RawSocket.connect(server.url, { record: false })),
    )
    await Promise.all(warm.map((socket) => socket.join('/')))
    await Promise.all(warm.map((socket) => socket.close()))
    await sleep(200)
    const before = (await server.call({ cmd: 'heap' })).heapUsed ?? 0
    for (let start = 0; start < clients; start += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, clients - start) }, () =>
          RawSocket.connect(server.url, { record: false }),
        ),
      )
      await Promise.all(batch.map((socket) => socket.join('/')))
      sockets.push(...batch)
    }
    const stats = await server.call({ cmd: 'stats' })
    if (stats.connections !== clients) throw new Error(`${stats.connections} of ${clients} clients connected`)
    // Let handshake leftovers (timers, buffers) settle before measuring.
    await sleep(200)
    const after = (await server.call({ cmd: 'heap' })).heapUsed ?? 0
    return { target, extraEvents, bytesPerConnection: (after - before) / clients }
  } finally {
    await Promise.all(sockets.map((socket) => socket.close()))
    await server.stop()
  }
}
