import { RawSocket } from '../wire/rawSocket'
import { memory, spawnServer } from './spawnServer'
import { sleep } from './stats'

/**
 * `connections` clients each send a binary packet announcing 10 attachments and then only 9 of them, of
 * `bytes` each (under `maxHttpBufferSize`), and keep the connection open. Returns the server's memory (heap and Buffers) growth
 * after GC, with default options.
 */
export async function measurePendingAttachments(
  target: 'raw' | 'volley',
  connections: number,
  bytes: number,
): Promise<number> {
  const server = await spawnServer({ target, extraEvents: 0, logger: 'silent' })
  const sockets: RawSocket[] = []
  try {
    const before = memory(await server.call({ cmd: 'heap' }))
    const placeholders = JSON.stringify(Array.from({ length: 10 }, (_, num) => ({ _placeholder: true, num })))
    const chunk = Buffer.alloc(bytes, 1)
    for (let i = 0; i < connections; i += 1) {
      const socket = await RawSocket.connect(server.url, { record: false })
      sockets.push(socket)
      await socket.join('/')
      socket.send(`4510-["input",${placeholders}]`)
      for (let j = 0; j < 9; j += 1) socket.send(chunk)
    }
    await sleep(1_000)
    return memory(await server.call({ cmd: 'heap' })) - before
  } finally {
    for (const socket of sockets) socket.terminate()
    await server.stop()
  }
}
