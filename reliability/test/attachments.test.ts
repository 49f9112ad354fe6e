import { describe, expect, it } from 'vitest'
import { RawSocket } from '../src/wire/rawSocket'
import { goodClient, onCleanup, recordingLogger, sleep, startTarget } from './harness'

const header = (count: number): string =>
  `45${count}-["upload",{"name":"a","bytes":${JSON.stringify(
    Array.from({ length: count }, (_, num) => ({ _placeholder: true, num })),
  )}}]`

describe('binary attachments that never complete', () => {
  it('drops a packet whose attachments do not arrive within limits.attachments.timeout', async () => {
    const logger = recordingLogger()
    const { url, stats } = await startTarget({ logger, limits: { attachments: { timeout: 100 } } })
    const socket = await RawSocket.connect(url)
    onCleanup(() => socket.close())
    await socket.join('/')
    socket.send(header(2))
    socket.send(Buffer.alloc(100_000))
    await sleep(300)
    expect(logger.lines).toEqual([
      '[volley] a binary packet was dropped: its attachments did not all arrive within limits.attachments.timeout (100 ms).',
    ])
    // The packet is gone: its last attachment is now a protocol violation, and socket.io closes.
    socket.send(Buffer.alloc(10))
    await socket.closed
    expect(stats.calls).toBe(0)
    const good = await goodClient(url)
    await expect(good.request('ping', undefined)).resolves.toBe('pong')
  })

  it('closes a connection whose pending attachments pass limits.attachments.maxBytes', async () => {
    const logger = recordingLogger()
    const { url } = await startTarget({ logger, limits: { attachments: { maxBytes: 1_000_000 } } })
    const socket = await RawSocket.connect(url)
    await socket.join('/')
    socket.send(header(10))
    for (let i = 0; i < 3; i += 1) socket.send(Buffer.alloc(400_000))
    await socket.closed
    expect(logger.lines).toEqual([
      '[volley] a binary packet was dropped: its attachments passed limits.attachments.maxBytes (1000000 bytes).',
    ])
  })

  it('complete binary packets still arrive, with the guard on', async () => {
    const { url } = await startTarget()
    const good = await goodClient(url)
    const bytes = new Uint8Array(500_000).fill(7)
    await expect(good.request('upload', { name: 'a', bytes })).resolves.toEqual({ size: 500_000 })
  })
})
