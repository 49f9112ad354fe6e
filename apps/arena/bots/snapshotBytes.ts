import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect } from 'socket.io-client'
import { parser } from '../shared/parser'
import { encodeSnapshot, type Snapshot } from '../shared/snapshotCodec'
import { Room } from '../server/Room'

/** A snapshot as a busy room sends it: players spread out, scores and acknowledged inputs well into a game. */
export function sampleSnapshot(players: number): Snapshot {
  let seed = 42
  const random = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646
  const room = new Room('main', 'Main arena', 8, true, random)
  for (let i = 0; i < players; i++) {
    const player = room.add(`token-${i}`, `Player ${i + 1}`, `socket-${i}`)!
    player.x += 0.375 * i // positions on the 1/8 grid, not whole numbers
    player.score = 10 + Math.floor(random() * 200)
    player.ping = 2 + Math.floor(random() * 80)
    player.ack = 50_000 + Math.floor(random() * 100_000)
  }
  room.tick = 54_321
  return room.snapshot()
}

/** The snapshot as JSON designers would write it with arrays instead of objects. */
function asTuples(snapshot: Snapshot): unknown {
  return [
    snapshot.tick,
    snapshot.players.map((p) => [p.slot, p.reconnecting ? 1 : 0, p.x, p.y, p.score, p.ping, p.ack]),
    snapshot.orbs.map((o) => [o.x, o.y]),
  ]
}

/** The encodings compared: how the payload is shaped, and which socket.io parser carries it. */
export const ENCODINGS = {
  'JSON object (default parser)': { parser: undefined, payload: (s: Snapshot): unknown => s },
  'JSON arrays (default parser)': { parser: undefined, payload: asTuples },
  'msgpack object (msgpack parser)': { parser, payload: (s: Snapshot): unknown => s },
  'binary codec (default parser)': {
    parser: undefined,
    payload: (s: Snapshot): unknown => Buffer.from(encodeSnapshot(s)),
  },
  'binary codec (msgpack parser)': {
    parser,
    payload: (s: Snapshot): unknown => Buffer.from(encodeSnapshot(s)),
  },
} as const
export type Encoding = keyof typeof ENCODINGS

/**
 * Measures what one snapshot costs on the wire, for real: a socket.io server with the encoding's parser
 * broadcasts it as a volatile event to one client over WebSocket, and the server's Engine.IO connection
 * counts the frames it writes (payload plus WebSocket frame header; TCP/IP headers not counted).
 * @returns bytes and WebSocket frames per snapshot
 */
export async function measureSnapshot(
  encoding: Encoding,
  snapshot: Snapshot,
): Promise<{ bytes: number; frames: number }> {
  const { parser: chosen, payload } = ENCODINGS[encoding]
  const io = new Server(chosen === undefined ? {} : { parser: chosen })
  io.listen(0)
  const { port } = io.httpServer.address() as AddressInfo
  let bytes = 0
  let frames = 0
  io.on('connection', (socket) =>
    socket.conn.on('packetCreate', (packet: { type: string; data?: string | Buffer }) => {
      if (packet.type !== 'message') return
      const size =
        typeof packet.data === 'string' ? Buffer.byteLength(packet.data) + 1 : packet.data!.byteLength
      bytes += size + (size < 126 ? 2 : 4)
      frames++
    }),
  )
  const client = connect(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    ...(chosen === undefined ? {} : { parser: chosen }),
  })
  try {
    await new Promise((resolve) => client.once('connect', () => resolve(undefined)))
    bytes = 0
    frames = 0
    const received = new Promise((resolve) => client.once('snapshot', resolve))
    io.volatile.emit('snapshot', payload(snapshot))
    await received
    return { bytes, frames }
  } finally {
    client.disconnect()
    await io.close()
  }
}
