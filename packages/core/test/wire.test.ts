import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { chat } from './fixtures'
import {
  connectClient,
  connected,
  rawConnected,
  recordingLogger,
  sleep,
  startServer,
  writeRaw,
} from './helpers'

/** A 5,000-level nested array as socket.io text, about 10 KB: written straight to the engine. */
const BOMB = `${'['.repeat(5000)}0${']'.repeat(5000)}`

describe('wire format and hostile input', () => {
  it('binary payloads (Uint8Array / Buffer) survive a round trip', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) =>
      socket.on('file:upload', ({ bytes }) => {
        socket.emit('file:echo', { bytes })
        return { size: bytes.byteLength }
      }),
    )
    const client = connectClient(chat, url, { validateIncoming: 'always' })
    await connected(client)
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) % 256)
    const echoed = new Promise<Uint8Array>((resolve) => client.on('file:echo', ({ bytes }) => resolve(bytes)))
    await expect(client.request('file:upload', { name: 'a.bin', bytes })).resolves.toEqual({ size: 4096 })
    const back = await echoed
    expect(back).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true)
  })

  it('refuses a depth bomb before validation and answers VALIDATION_FAILED', async () => {
    const { io, url } = await startServer(chat)
    const handler = vi.fn((payload: { data: unknown }) => payload)
    io.on('connection', (socket) => socket.on('echo', handler))
    const socket = await rawConnected(url)
    try {
      // `21[...]`: an EVENT with ack id 1 on the main namespace.
      const acked = new Promise<unknown>((resolve) => {
        const acks = (socket as unknown as { acks: Record<number, (arg: unknown) => void> }).acks
        acks[1] = resolve
      })
      writeRaw(socket, `21["echo",{"data":${BOMB}}]`)
      await expect(acked).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('nests deeper than 32 levels') },
      })
      expect(handler).not.toHaveBeenCalled()
    } finally {
      socket.disconnect()
    }
  })

  it('the same depth bomb kills a raw socket.io 4.8 server that re-emits it (why the limit exists)', async () => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./fixtures/raw-echo-server.mjs', import.meta.url))],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    try {
      const port = await new Promise<number>((resolve) =>
        child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
      )
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      const socket = await rawConnected(`http://127.0.0.1:${port}`)
      writeRaw(socket, `2["echo",${BOMB}]`)
      const code = await Promise.race([exited, sleep(10_000).then(() => 'alive' as const)])
      socket.disconnect()
      expect(code).not.toBe('alive')
      expect(code).not.toBe(0)
    } finally {
      child.kill()
    }
  })

  it('a burst of 1,000 hostile payloads leaves the server serving a well-behaved client', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger, maxHttpBufferSize: 1e5 })
    let handled = 0
    io.on('connection', (socket) => {
      socket.on('room:join', async ({ room }) => {
        await socket.join(room)
        return { members: 1 }
      })
      socket.on('message:send', ({ room, text }) => {
        handled += 1
        const message = { id: `m${handled}`, room, text, at: Date.now() }
        io.to(room).emit('message:new', message)
        return { id: message.id, at: message.at }
      })
      socket.on('echo', (payload) => payload)
    })

    const good = connectClient(chat, url)
    const watcher = connectClient(chat, url)
    await Promise.all([connected(good), connected(watcher)])
    await good.request('room:join', { room: 'lobby' })
    await watcher.request('room:join', { room: 'lobby' })
    const seen: string[] = []
    watcher.on('message:new', (m) => void seen.push(m.text))

    const attackers = await Promise.all([rawConnected(url), rawConnected(url), rawConnected(url)])
    const hostile: string[] = [
      `2["message:send",{"room":1,"text":2}]`,
      `2["message:send",{"__proto__":{"polluted":true},"room":"lobby","text":""}]`,
      `2["message:send",{"room":"lobby","text":"${'x'.repeat(3000)}"}]`,
      `2["echo",{"data":${BOMB}}]`,
      `2["message:send",null]`,
      `2["nope",1]`,
      `2["message:send",{"room":"lobby","text":"a"},"b","c"]`,
      `2["toString",{}]`,
      `2["__proto__",{}]`,
      `2["typing",[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
    ]
    const goodRequests: Promise<unknown>[] = []
    for (let i = 0; i < 1000; i++) {
      writeRaw(attackers[i % attackers.length]!, hostile[i % hostile.length]!)
      if (i % 20 === 0)
        goodRequests.push(good.request('message:send', { room: 'lobby', text: `hello ${i / 20}` }))
      if (i % 100 === 0) await sleep(1)
    }
    // One attacker also sends a frame over maxHttpBufferSize: socket.io drops that connection only.
    attackers[0]!.emit('message:send', { room: 'lobby', text: 'y'.repeat(2e5) })

    const acks = await Promise.all(goodRequests)
    expect(acks).toHaveLength(50)
    expect(acks.every((ack) => typeof (ack as { id: string }).id === 'string')).toBe(true)
    await vi.waitFor(() => expect(seen).toHaveLength(50))
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => `hello ${i}`))
    expect(handled).toBe(50)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    await expect(good.request('room:join', { room: 'after' })).resolves.toEqual({ members: 1 })
    // Logged per socket and kind of refusal, not per message (the attackers were also disconnected).
    expect(logger.warnings.length).toBeLessThan(40)
    for (const attacker of attackers) attacker.disconnect()
  })
})
