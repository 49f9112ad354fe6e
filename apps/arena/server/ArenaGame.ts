import type { JoinResult, RoomSummary } from '../shared/contract'
import { MAX_PLAYERS } from '../shared/rules'
import { Room, type Player, type Random } from './Room'

/** Options for `ArenaGame`. */
export interface ArenaGameOptions {
  /** Players per room. Defaults to `MAX_PLAYERS` (8). */
  maxPlayers?: number
  /** How long a player whose connection dropped keeps their seat and score, in ms. Defaults to `15_000`. */
  graceMs?: number
  /** The rooms that always exist, `[id, title]`. Defaults to the main arena and the training ground. */
  rooms?: readonly (readonly [string, string])[]
  /** Randomness for spawn and orb positions. Defaults to `Math.random`. */
  random?: Random
}

/** Where a token sits: its room and player. */
export interface Seat {
  readonly room: Room
  readonly player: Player
}

/** What an input was: applied later (`queued`), dropped as stale or over the queue, or for a room the player is not in. */
export type InputOutcome = 'queued' | 'dropped' | 'not-seated'

/**
 * Every room of the server and who sits where, without sockets. Players are known by the token of their
 * handshake, so a player who reconnects within the grace period finds their seat, position and score.
 */
export class ArenaGame {
  readonly rooms = new Map<string, Room>()
  readonly #seats = new Map<string, Seat>()
  readonly maxPlayers: number
  readonly graceMs: number
  readonly #random: Random
  #created = 0
  /** Bumped whenever a room opens, closes or changes its player count (the lobby's list). */
  lobbyVersion = 0
  /** Inputs that passed Volley's checks and reached the game, since start. */
  inputsReceived = 0

  constructor(options: ArenaGameOptions = {}) {
    this.maxPlayers = options.maxPlayers ?? MAX_PLAYERS
    this.graceMs = options.graceMs ?? 15_000
    this.#random = options.random ?? Math.random
    const rooms = options.rooms ?? [
      ['main', 'Main arena'],
      ['training', 'Training ground'],
    ]
    for (const [id, title] of rooms)
      this.rooms.set(id, new Room(id, title, this.maxPlayers, true, this.#random))
  }

  list(): RoomSummary[] {
    return [...this.rooms.values()].map((room) => room.summary())
  }

  seat(token: string): Seat | undefined {
    return this.#seats.get(token)
  }

  /** Opens a room; it closes when its last player is gone. */
  create(title: string): Room {
    let id: string
    do id = `room-${++this.#created}`
    while (this.rooms.has(id))
    const room = new Room(id, title, this.maxPlayers, false, this.#random)
    this.rooms.set(id, room)
    this.lobbyVersion++
    return room
  }

  /**
   * Seats a token in a room. The same token in the same room resumes its seat (reconnecting or not: the
   * newest socket takes it over); a token seated elsewhere leaves that room first.
   * @returns the typed answer for the client, and the socket that played the seat before, if another one did
   */
  join(
    token: string,
    roomId: string,
    name: string,
    socketId: string,
  ): { result: JoinResult; replaced: string | undefined } {
    const room = this.rooms.get(roomId)
    const current = this.#seats.get(token)
    if (room !== undefined && current?.room === room) {
      const { player } = current
      const replaced = player.socketId === socketId ? undefined : player.socketId
      if (player.socketId === undefined || player.name !== name) room.rosterVersion++
      player.socketId = socketId
      player.lostAt = undefined
      player.name = name
      return { result: this.#joined(room, player, true), replaced }
    }
    if (room === undefined) {
      return {
        result: {
          status: 'refused',
          reason: 'NO_SUCH_ROOM',
          message: `There is no room "${roomId}" (any more).`,
        },
        replaced: undefined,
      }
    }
    if (room.full) {
      return {
        result: {
          status: 'refused',
          reason: 'ROOM_FULL',
          message: `${room.title} is full (${room.max} players). Pick another room or create one.`,
        },
        replaced: undefined,
      }
    }
    if (current !== undefined) this.leave(token)
    const player = room.add(token, name, socketId)!
    this.#seats.set(token, { room, player })
    this.lobbyVersion++
    return { result: this.#joined(room, player, false), replaced: undefined }
  }

  #joined(room: Room, player: Player, resumed: boolean): JoinResult {
    return {
      status: 'joined',
      room: room.summary(),
      slot: player.slot,
      resumed,
      ack: player.ack,
      roster: room.roster(),
    }
  }

  /** Frees a token's seat; closes a created room left empty. @returns the room it left */
  leave(token: string): Room | undefined {
    const seat = this.#seats.get(token)
    if (seat === undefined) return undefined
    this.#seats.delete(token)
    seat.room.remove(seat.player)
    if (!seat.room.persistent && seat.room.players.size === 0) this.rooms.delete(seat.room.id)
    this.lobbyVersion++
    return seat.room
  }

  /** A socket dropped: its player, if that socket still plays the seat, shows as reconnecting until the grace period ends. */
  disconnected(token: string, socketId: string, now: number): void {
    const seat = this.#seats.get(token)
    if (seat === undefined || seat.player.socketId !== socketId) return
    seat.player.socketId = undefined
    seat.player.lostAt = now
    seat.player.keys.length = 0
    seat.player.seqs.length = 0
    seat.room.rosterVersion++
  }

  /** Queues an input of a seated player, for the room the player sits in. */
  input(token: string, roomId: string, seq: number, keys: number): InputOutcome {
    this.inputsReceived++
    const seat = this.#seats.get(token)
    if (seat === undefined || seat.room.id !== roomId || seat.player.socketId === undefined)
      return 'not-seated'
    return seat.room.queue(seat.player, seq, keys) ? 'queued' : 'dropped'
  }

  /** Records the round trip a player measured. */
  ping(token: string, rtt: number): void {
    const seat = this.#seats.get(token)
    if (seat !== undefined) seat.player.ping = rtt
  }

  /**
   * Advances every room one tick and removes players whose grace period is over.
   * @returns how many inputs were applied
   */
  step(now: number): number {
    let applied = 0
    for (const room of [...this.rooms.values()]) {
      for (const player of [...room.players.values()]) {
        if (player.lostAt !== undefined && now - player.lostAt >= this.graceMs) this.leave(player.token)
      }
      if (this.rooms.has(room.id)) applied += room.step()
    }
    return applied
  }
}
