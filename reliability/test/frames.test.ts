import { connect as tcpConnect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { PollingSocket } from '../src/wire/pollingSocket'
import { RawSocket } from '../src/wire/rawSocket'
import { goodClient, onCleanup, recordingLogger, sleep, startTarget, watchUncaught } from './harness'

/**
 * Parser and engine frame cases, each sent on a fresh connection that joined `/`. `closed`: socket.io
 * closes the connection (a protocol violation); `open`: the connection keeps working. Either way the
 * server keeps serving a well-behaved client and nothing is thrown.
 */
interface FrameCase {
  readonly frames: readonly (string | Buffer)[]
  readonly outcome:
    'closed' | 'open' | { readonly websocket: 'closed' | 'open'; readonly polling: 'closed' | 'open' }
}

const placeholder = (num: unknown): string =>
  `451-["upload",{"name":"a","bytes":{"_placeholder":true,"num":${JSON.stringify(num)}}}]`

const cases: Record<string, FrameCase> = {
  'empty frame': { frames: [''], outcome: 'closed' },
  'unknown Engine.IO packet type': { frames: ['9hello'], outcome: 'closed' },
  'message with an empty Socket.IO packet': { frames: ['4'], outcome: 'closed' },
  'unknown Socket.IO packet type': { frames: ['47[]'], outcome: 'closed' },
  'bad JSON': { frames: ['42["message:send",{'], outcome: 'closed' },
  'event payload that is not an array': { frames: ['42{"a":1}'], outcome: 'closed' },
  'reserved event name': { frames: ['42["disconnect"]'], outcome: 'closed' },
  'event name that is an object (CVE-2023-32695 shape)': {
    frames: ['42[{"toString":"x"}]'],
    outcome: 'closed',
  },
  'error event (CVE-2024-38355 shape)': { frames: ['42["error"]', '42["error",{"a":1}]'], outcome: 'open' },
  'numeric event name': { frames: ['42[1,2]'], outcome: 'open' },
  'ack for an id never sent': { frames: ['43999["x"]'], outcome: 'open' },
  'DISCONNECT with a payload': { frames: ['41{"a":1}'], outcome: 'closed' },
  'CONNECT_ERROR from the client': { frames: ['44{"message":"x"}'], outcome: 'closed' },
  'second CONNECT to a joined namespace': { frames: ['40'], outcome: 'closed' },
  'attachment count missing': { frames: ['45-["upload",{}]'], outcome: 'closed' },
  'attachment count without a dash': { frames: ['451["upload",{}]'], outcome: 'closed' },
  'attachment count not a number': { frames: ['45a-["upload",{}]'], outcome: 'closed' },
  'too many attachments': { frames: ['4599-["upload",{}]'], outcome: 'closed' },
  '_placeholder num naming a method (CVE-2022-2421 shape)': {
    frames: [placeholder('splice'), Buffer.from('xx')],
    outcome: 'closed',
  },
  '_placeholder num out of range': { frames: [placeholder(3), Buffer.from('xx')], outcome: 'closed' },
  '_placeholder num negative': { frames: [placeholder(-1), Buffer.from('xx')], outcome: 'closed' },
  '_placeholder in a text packet': {
    frames: ['42["upload",{"name":"a","bytes":{"_placeholder":true,"num":0}}]'],
    outcome: 'open',
  },
  'text while attachments are pending': { frames: [placeholder(0), '42["ping"]'], outcome: 'closed' },
  'binary frame without a binary packet': { frames: [Buffer.from('orphan')], outcome: 'closed' },
  'CONNECT to an unknown namespace': { frames: ['40/nope,'], outcome: 'open' },
  'event for a namespace never joined': { frames: ['42/secure,["ping"]'], outcome: 'closed' },
  'giant auth': { frames: [`40/secure,{"token":"${'x'.repeat(500_000)}"}`], outcome: 'open' },
  'auth that is not an object': { frames: ['40/secure,"token"'], outcome: 'closed' },
  'packets after DISCONNECT': {
    frames: ['41', '42["message:send",{"room":"r","text":"late"}]'],
    outcome: 'closed',
  },
  // Engine.IO honours a client's close packet over long-polling; over WebSocket it ignores it (a
  // WebSocket client closes the socket instead), so what follows is processed like any packet.
  'packets after the Engine.IO close packet': {
    frames: ['1', '42["message:send",{"room":"r"}]'],
    outcome: { websocket: 'open', polling: 'closed' },
  },
}

/** Engine.IO frames as text for long-polling: binary becomes `b<base64>`. */
const asPolling = (frame: string | Buffer): string =>
  typeof frame === 'string' ? frame : `b${frame.toString('base64')}`

async function outcomeOverWebSocket(
  url: string,
  frames: readonly (string | Buffer)[],
): Promise<'closed' | 'open'> {
  const socket = await RawSocket.connect(url)
  onCleanup(() => socket.close())
  await socket.join('/')
  for (const frame of frames) socket.send(frame)
  const closed = await Promise.race([socket.closed.then(() => true), sleep(150).then(() => false)])
  if (closed) return 'closed'
  // A connection that left its namespace stays open until its next packet for it.
  const answer = await Promise.race([socket.request('ping'), socket.closed.then(() => 'closed' as const)])
  if (answer === 'closed') return 'closed'
  expect(answer).toEqual({ ok: true, data: 'pong' })
  return 'open'
}

async function outcomeOverPolling(
  url: string,
  frames: readonly (string | Buffer)[],
): Promise<'closed' | 'open'> {
  const socket = await PollingSocket.connect(url)
  onCleanup(() => socket.close())
  await socket.join('/')
  // Binary and text frames of one case go in one payload, as a polling client would send them.
  await socket.send(...frames.map(asPolling))
  await sleep(50)
  if ((await socket.send('42900["ping"]')) !== 200) return 'closed'
  for (let i = 0; i < 5; i += 1) {
    const packets = await socket.poll()
    if (packets.some((packet) => packet.startsWith('43900['))) return 'open'
    if (socket.closed || packets.includes('1')) return 'closed'
  }
  return 'closed'
}

describe('parser and engine frame cases', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`over ${transport}: every case is survived and a good client is served after each`, async () => {
      const uncaught = watchUncaught()
      const logger = recordingLogger()
      const { url, stats } = await startTarget({ logger })
      const good = await goodClient(url)
      const outcomes: Record<string, string> = {}
      for (const [name, { frames }] of Object.entries(cases)) {
        outcomes[name] =
          transport === 'websocket'
            ? await outcomeOverWebSocket(url, frames)
            : await outcomeOverPolling(url, frames)
        await expect(good.request('ping', undefined)).resolves.toBe('pong')
      }
      const expected = Object.entries(cases).map(([name, { outcome }]) => [
        name,
        typeof outcome === 'string' ? outcome : outcome[transport],
      ])
      expect(outcomes).toEqual(Object.fromEntries(expected))
      expect(stats).toEqual({ calls: 0, invalid: 0 })
      expect(uncaught.count).toBe(0)
      for (const line of logger.lines) expect(line.length).toBeLessThanOrEqual(1_000)
    })
  }

  it('giant auth is refused with a bounded answer and one bounded log line', async () => {
    const logger = recordingLogger()
    const { url } = await startTarget({ logger })
    const socket = await RawSocket.connect(url)
    onCleanup(() => socket.close())
    const answer = await socket.join('/secure', { token: 'x'.repeat(500_000) })
    expect(answer).toMatch(/^44\/secure,\{"message":"Invalid handshake auth: Too big/)
    expect(answer.length).toBeLessThan(600)
    expect(logger.lines).toHaveLength(1)
    expect(logger.bytes()).toBeLessThan(400)
  })

  it('engine.io CVE-2022-41940 shape: connections reset mid-request are survived', async () => {
    const uncaught = watchUncaught()
    const { url } = await startTarget()
    const { port } = new URL(url)
    const requests = [
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\n\r\n`,
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n`,
      `POST /socket.io/?EIO=4&transport=polling&sid=nope HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n42[`,
      `GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n`,
    ]
    for (const request of requests) {
      for (let i = 0; i < 5; i += 1) {
        await new Promise<void>((resolve) => {
          const socket = tcpConnect(Number(port), '127.0.0.1', () => {
            socket.write(request, () => setTimeout(() => socket.resetAndDestroy(), i * 5))
          })
          socket.on('error', () => {})
          socket.on('close', () => resolve())
        })
      }
    }
    const good = await goodClient(url)
    await expect(good.request('ping', undefined)).resolves.toBe('pong')
    expect(uncaught.count).toBe(0)
  })

  it('polling: an unknown sid, overlapping GETs and an oversized POST are refused', async () => {
    const { url } = await startTarget({ maxHttpBufferSize: 10_000 })
    const status = (
      await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=nope`, {
        method: 'POST',
        body: '42["ping"]',
      })
    ).status
    expect(status).toBe(400)
    const overlapping = await PollingSocket.connect(url)
    await overlapping.join('/')
    await Promise.all([overlapping.poll(), overlapping.poll()])
    expect(overlapping.closed).toBe(true)
    const big = await PollingSocket.connect(url)
    await big.join('/')
    expect(await big.send(`42["message:send",{"room":"r","text":"${'x'.repeat(20_000)}"}]`)).toBe(413)
    const good = await goodClient(url)
    await expect(good.request('ping', undefined)).resolves.toBe('pong')
  })
})
