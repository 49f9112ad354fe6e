import { RawSocket } from '../wire/rawSocket'
import { memory, spawnServer } from './spawnServer'
import { sleep } from './stats'

/** Server heap while one member of a broadcast room has stopped reading. */
export interface SlowConsumerResult {
  readonly target: 'raw' | 'volley'
  /** Heap after GC at each sample, minus the heap before the broadcast, in bytes. */
  readonly growth: readonly number[]
  /** Whether the server closed the stalled connection. */
  readonly closed: boolean
}

/**
 * A room broadcast at `rate` messages per second of `bytes` characters, with one reader and one client
 * that stopped reading its TCP socket; samples the server's memory (heap and Buffers) (after GC) every `every` ms for `ms` ms.
 * Default server options.
 */
export async function measureSlowConsumer(
  target: 'raw' | 'volley',
  rate: number,
  bytes: number,
  ms: number,
  every: number,
): Promise<SlowConsumerResult> {
  const server = await spawnServer({ target, extraEvents: 0, logger: 'silent' })
  const reader = await RawSocket.connect(server.url, { record: false })
  const stalled = await RawSocket.connect(server.url, { record: false })
  try {
    for (const socket of [reader, stalled]) {
      await socket.join('/')
      await socket.request('join', { room: 'watch' })
    }
    stalled.pause()
    const before = memory(await server.call({ cmd: 'heap' }))
    await server.call({ cmd: 'broadcast', rate, bytes })
    const growth: number[] = []
    for (let waited = 0; waited < ms; waited += every) {
      await sleep(every)
      growth.push(memory(await server.call({ cmd: 'heap' })) - before)
    }
    await server.call({ cmd: 'stop-broadcast' })
    const stats = await server.call({ cmd: 'stats' })
    return { target, growth, closed: stats.disconnects! > 0 }
  } finally {
    reader.terminate()
    stalled.terminate()
    await server.stop()
  }
}
