import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { parser } from '../shared/parser'
import { newToken } from '../src/connection'
import { join, onCleanup, player, recordSnapshots, startArena, until } from './helpers'

// Raw Engine.IO frames over a WebSocket, encoded by hand as msgpack: what a hostile client can send past
// any client library. With the msgpack parser, every socket.io packet is one binary frame.
const fixstr = (text: string) => Buffer.concat([Buffer.from([0xa0 | text.length]), Buffer.from(text)])

/** An EVENT packet `{ type: 2, nsp: '/', data: ['input', <payload>], id }`, the payload nested `depth` arrays deep. */
function deepInput(depth: number, id: number): Buffer {
  return Buffer.concat([
    Buffer.from([0x84]),
    fixstr('type'),
    Buffer.from([0x02]),
    fixstr('nsp'),
    fixstr('/'),
    fixstr('data'),
    Buffer.from([0x92]),
    fixstr('input'),
    Buffer.alloc(depth, 0x91), // fixarray of one element, `depth` times
    Buffer.from([0xc0]), // nil at the bottom
    fixstr('id'),
    Buffer.from([id]),
  ])
}

const encode = (packet: object): Buffer => (new parser.Encoder().encode(packet) as unknown as Buffer[])[0]!

/** Connects a raw WebSocket, opens the main namespace with a token, and returns the decoded packets it receives. */
async function rawConnection(url: string, token: string) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`)
  onCleanup(() => socket.terminate())
  const packets: { type: number; id?: number; data?: unknown }[] = []
  socket.on('message', (data: Buffer, binary: boolean) => {
    if (!binary) {
      if (data.toString() === '2') socket.send('3') // answer Engine.IO pings
      return
    }
    const decoder = new parser.Decoder()
    decoder.on('decoded', (packet: { type: number; id?: number; data?: unknown }) => packets.push(packet))
    decoder.add(data)
  })
  await once(socket, 'open')
  socket.send(encode({ type: 0, nsp: '/', data: { token } }))
  await until(() => packets.some((packet) => packet.type === 0), 'the namespace to accept the CONNECT')
  return { socket, packets }
}

describe('the msgpack parser and Volley’s depth guard', () => {
  it('refuses deeply nested payloads before validation, and survives one deep enough to overflow the decoder', async () => {
    const { url, arena } = await startArena()
    const bystander = await player(url)
    await join(bystander, 'main', 'Bystander')
    const token = newToken()
    const { socket, packets } = await rawConnection(url, token)
    socket.send(encode({ type: 2, nsp: '/', data: ['room:join', { room: 'main', name: 'Deep' }], id: 1 }))
    await until(() => packets.some((packet) => packet.type === 3 && packet.id === 1), 'the join ack')
    const seat = arena.game.seat(token)!
    const before = {
      x: seat.player.x,
      y: seat.player.y,
      ack: seat.player.ack,
      queuedSeq: seat.player.queuedSeq,
    }
    const received = arena.game.inputsReceived

    // Deeper than maxPayloadDepth (32) but small enough to decode: Volley refuses it before any schema or
    // handler sees it, iteratively (no recursion), and answers the ack.
    for (const [depth, id] of [
      [33, 2],
      [1_000, 3],
    ] as const) {
      socket.send(deepInput(depth, id))
      await until(
        () => packets.some((packet) => packet.type === 3 && packet.id === id),
        `the answer to depth ${depth}`,
      )
      const answer = packets.find((packet) => packet.type === 3 && packet.id === id)!.data as unknown[]
      expect(answer[0]).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('nests deeper than 32 levels') },
      })
    }
    expect(arena.game.inputsReceived).toBe(received)
    expect(arena.stats.refused.VALIDATION_FAILED).toBe(2)

    // The msgpack decoder (notepack.io) recurses: a few thousand levels overflow its stack before Volley
    // sees anything. socket.io catches the error and closes that connection; the server, its loop and the
    // other players go on.
    const closed = once(socket, 'close')
    socket.send(deepInput(100_000, 4))
    await closed
    const seen = recordSnapshots(bystander)
    await until(() => seen.snapshots.length >= 10, 'the bystander to keep receiving snapshots')
    expect(bystander.getSnapshot().status).toBe('connected')
    expect(await bystander.request('ping', { rtt: 1 })).toMatchObject({ tick: expect.any(Number) })
    const after = arena.game.seat(token)!.player
    expect({ x: after.x, y: after.y, ack: after.ack, queuedSeq: after.queuedSeq }).toEqual(before)
  })
})
