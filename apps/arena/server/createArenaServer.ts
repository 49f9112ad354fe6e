import { performance } from 'node:perf_hooks'
import { VolleyError, type VolleyLogger } from '@volley/core'
import { createServer, type VolleyServer, type VolleySocket } from '@volley/core/server'
import { arena, type JoinResult } from '../shared/contract'
import { parser } from '../shared/parser'
import { TICK_MS } from '../shared/rules'
import { encodeSnapshot } from '../shared/snapshotCodec'
import { ArenaGame, type ArenaGameOptions } from './ArenaGame'
import { arenaLimits, type ArenaLimits } from './limits'
import type { Room } from './Room'
import { ServerStats } from './ServerStats'
import { TickLoop } from './TickLoop'

/** Options for `createArenaServer`: the game's, plus what tests change. */
export interface ArenaServerOptions extends ArenaGameOptions {
  /** Where Volley logs refusals. Defaults to `console`. */
  logger?: VolleyLogger | false
  /** Volley's limits. Defaults to `arenaLimits` (see limits.ts). */
  limits?: ArenaLimits
}

export type ArenaServer = VolleyServer<typeof arena>
type ArenaSocket = VolleySocket<typeof arena>

/**
 * The msgpack encoder (notepack.io) writes a Node `Buffer` as msgpack `bin`, which every decoder turns back
 * into bytes (a `Buffer` in Node, an `ArrayBuffer` in browsers); other typed arrays become an extension
 * type that its browser decoder does not. So snapshots leave the server as `Buffer`s (no copy).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The socket.io room of a game room's players (the lobby is `lobby`). */
export const channel = (roomId: string): string => `room:${roomId}`
const LOBBY = 'lobby'

/**
 * The arena's real-time side: the Volley server (msgpack parser, per-event limits), the game, and the
 * 30 Hz loop that steps every room and broadcasts its snapshot as a volatile event. Not listening yet:
 * attach `io` to an HTTP server, then `start()` the loop.
 */
export function createArenaServer(options: ArenaServerOptions = {}) {
  const game = new ArenaGame(options)
  const stats = new ServerStats()
  const io: ArenaServer = createServer(arena, {
    parser,
    logger: options.logger ?? console,
    limits: options.limits ?? arenaLimits,
    onError: (error) => stats.refusal(error.code),
    // Notice a dead connection within about 6 s, so the others see "reconnecting" soon.
    pingInterval: 3_000,
    pingTimeout: 3_000,
  })

  const rosterSent = new WeakMap<Room, number>()
  let lobbySent = game.lobbyVersion

  const loop = new TickLoop(TICK_MS, () => {
    const started = performance.now()
    const applied = game.step(Date.now())
    for (const room of game.rooms.values()) {
      if (rosterSent.get(room) !== room.rosterVersion) {
        rosterSent.set(room, room.rosterVersion)
        io.to(channel(room.id)).emit('roster', { room: room.id, players: room.roster() })
      }
      if (room.players.size > 0)
        io.to(channel(room.id)).volatile.emit('snapshot', asBuffer(encodeSnapshot(room.snapshot())))
    }
    if (lobbySent !== game.lobbyVersion) {
      lobbySent = game.lobbyVersion
      io.to(LOBBY).emit('rooms:update', { rooms: game.list() })
    }
    stats.tick(started, performance.now() - started, applied)
  })

  async function seat(
    socket: ArenaSocket,
    roomId: string,
    outcome: ReturnType<ArenaGame['join']>,
  ): Promise<JoinResult> {
    const { result, replaced } = outcome
    if (result.status !== 'joined') return result
    // A newer connection of the same player took the seat over: close the old one.
    if (replaced !== undefined) io.socket(replaced)?.disconnect()
    for (const room of socket.rooms) if (room.startsWith('room:')) await socket.leave(room)
    await socket.leave(LOBBY)
    await socket.join(channel(roomId))
    return result
  }

  io.on('connection', (socket) => {
    const { token } = socket.auth
    void socket.join(LOBBY)

    socket.on('rooms:list', () => ({ rooms: game.list() }))
    socket.on('room:create', ({ title, name }) => {
      const room = game.create(title)
      return seat(socket, room.id, game.join(token, room.id, name, socket.id))
    })
    socket.on('room:join', ({ room, name }) => seat(socket, room, game.join(token, room, name, socket.id)))
    socket.on('room:leave', async () => {
      const room = game.leave(token)
      if (room !== undefined) await socket.leave(channel(room.id))
      await socket.join(LOBBY)
      return { left: room !== undefined }
    })
    socket.on('input', ({ room, seq, keys }) => {
      if (game.input(token, room, seq, keys) === 'not-seated') {
        throw new VolleyError('UNAUTHORIZED', `You are not playing in room "${room}": join it first.`)
      }
    })
    socket.on('ping', ({ rtt }) => {
      if (rtt !== null) game.ping(token, rtt)
      return { tick: loop.count }
    })
    socket.on('disconnect', () => game.disconnected(token, socket.id, Date.now()))
  })

  return {
    io,
    game,
    loop,
    stats,
    /** The server's figures over the last `windowMs` (the `/api/stats` answer). */
    summary(windowMs = 10_000) {
      let players = 0
      let rooms = 0
      for (const room of game.rooms.values()) {
        players += room.players.size
        if (room.players.size > 0) rooms++
      }
      return stats.summary(windowMs, rooms, players)
    },
    start(): void {
      loop.start()
    },
    async close(): Promise<void> {
      loop.stop()
      stats.stop()
      await io.close()
    },
  }
}
