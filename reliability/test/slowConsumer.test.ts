import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { RawSocket } from '../src/wire/rawSocket'
import { onCleanup, recordingLogger, sleep, startTarget } from './harness'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function heapAfterGc(): number {
  for (let i = 0; i < 3; i += 1) gc()
  return process.memoryUsage().heapUsed
}

const MESSAGE = 16 * 1024
const MiB = 1024 * 1024

/**
 * Broadcasts `rounds` x 8 messages of 16 KB to a room (about 8 MB/s; 160 rounds are 20 MB) while one
 * member has stopped reading its TCP socket and another reads normally. Returns the server's heap growth
 * after GC, the most bytes queued for the stalled connection, and how it ended.
 */
async function stalledReader(outgoing: false | { maxBytes: number; grace: number }, rounds: number) {
  const logger = recordingLogger()
  const { io, url } = await startTarget({ logger, limits: { outgoing } })
  const reasons: string[] = []
  io.on('connection', (socket) => {
    void socket.join('watch')
    socket.on('disconnect', (reason) => void reasons.push(reason))
  })
  const reader = await RawSocket.connect(url, { record: false })
  const stalled = await RawSocket.connect(url, { record: false })
  onCleanup(() => reader.close())
  onCleanup(() => stalled.terminate())
  await reader.join('/')
  const stalledId = JSON.parse((await stalled.join('/')).slice(2)).sid as string
  stalled.pause()
  const engine = io.raw.engine as unknown as { clients: Record<string, { writeBuffer: { data?: string }[] }> }
  const connection = io.raw.of('/').sockets.get(stalledId)!.conn as unknown as { id: string }
  const before = heapAfterGc()
  let maxQueued = 0
  const text = 'x'.repeat(MESSAGE)
  for (let round = 0; round < rounds; round += 1) {
    for (let j = 0; j < 8; j += 1) io.to('watch').emit('message:new', { room: 'watch', text })
    const queue = engine.clients[connection.id]?.writeBuffer ?? []
    maxQueued = Math.max(
      maxQueued,
      queue.reduce((n, packet) => n + (packet.data?.length ?? 0), 0),
    )
    await sleep(15)
  }
  const growth = heapAfterGc() - before
  return { growth, maxQueued, reasons, received: reader.received, logger }
}

describe('slow consumers', () => {
  it('a client that stops reading a broadcast is disconnected and the heap stays flat (with the cap), not without it', async () => {
    const capped = await stalledReader({ maxBytes: 256 * 1024, grace: 200 }, 160)
    expect(capped.reasons).toEqual(['forced close'])
    expect(capped.maxQueued).toBeLessThan(4 * MiB)
    expect(capped.growth).toBeLessThan(6 * MiB)
    expect(capped.received).toBeGreaterThan(1_000)
    expect(capped.logger.lines).toHaveLength(1)
    expect(capped.logger.lines[0]).toMatch(/closed: \d+ bytes waited for a client that does not read them/)

    const uncapped = await stalledReader(false, 160)
    expect(uncapped.reasons).toEqual([])
    expect(uncapped.maxQueued).toBeGreaterThan(4 * MiB)
    expect(uncapped.growth).toBeGreaterThan(capped.growth + 4 * MiB)
  })
})
