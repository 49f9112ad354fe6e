import { describe, expect, it } from 'vitest'
import { io as rawClient } from 'socket.io-client'
import { parser } from '../shared/parser'
import { PLAYER_SPEED, INPUT_RATE, KEY } from '../shared/rules'
import type { RosterEntry } from '../shared/contract'
import { join, onCleanup, player, recordSnapshots, startArena, until } from './helpers'

const STEP = PLAYER_SPEED / INPUT_RATE

describe('arena server', () => {
  it('lists rooms with live player counts, and a full room refuses with a typed reason', async () => {
    const { url } = await startArena({ maxPlayers: 2 })
    const watcher = await player(url)
    const updates: number[] = []
    watcher.on('rooms:update', ({ rooms }) => updates.push(rooms.find((room) => room.id === 'main')!.players))
    expect((await watcher.request('rooms:list', undefined)).rooms).toEqual([
      { id: 'main', title: 'Main arena', players: 0, max: 2 },
      { id: 'training', title: 'Training ground', players: 0, max: 2 },
    ])
    await join(await player(url), 'main', 'Ada')
    await join(await player(url), 'main', 'Bob')
    await until(() => updates.at(-1) === 2, 'the lobby to see 2 players in main')

    const third = await watcher.request('room:join', { room: 'main', name: 'Cleo' })
    expect(third).toEqual({
      status: 'refused',
      reason: 'ROOM_FULL',
      message: 'Main arena is full (2 players). Pick another room or create one.',
    })
    expect(await watcher.request('room:join', { room: 'nowhere', name: 'Cleo' })).toMatchObject({
      status: 'refused',
      reason: 'NO_SUCH_ROOM',
    })
    // Another room still has space; a created room appears in the list and closes when left empty.
    expect(await watcher.request('room:join', { room: 'training', name: 'Cleo' })).toMatchObject({
      status: 'joined',
      slot: 0,
    })
    const creator = await player(url)
    const created = await creator.request('room:create', { title: 'Night shift', name: 'Dan' })
    expect(created).toMatchObject({ status: 'joined', room: { title: 'Night shift', players: 1, max: 2 } })
    await creator.request('room:leave', undefined)
    const { rooms } = await creator.request('rooms:list', undefined)
    expect(rooms.map((room) => room.id)).toEqual(['main', 'training'])
  })

  it('applies inputs in order, acknowledges them in snapshots, and everyone in the room sees the move', async () => {
    const { url, arena } = await startArena()
    const ada = await player(url)
    const bob = await player(url)
    const seat = await join(ada, 'main', 'Ada')
    await join(bob, 'main', 'Bob')
    const start = arena.game.seat(ada.token)!.player
    const from = { x: start.x, y: start.y }
    const seen = recordSnapshots(bob)
    for (let seq = 1; seq <= 10; seq++) ada.emit('input', { room: 'main', seq, keys: KEY.right })
    await until(
      () => seen.snapshots.some((s) => s.players.find((p) => p.slot === seat.slot)?.ack === 10),
      'bob to see ada acknowledged up to 10',
    )
    const latest = seen.snapshots.at(-1)!.players.find((p) => p.slot === seat.slot)!
    expect(latest).toMatchObject({ x: Math.min(from.x + 10 * STEP, 1600 - 18), y: from.y, ack: 10 })
    // A repeated or older sequence number is dropped, not applied twice.
    ada.emit('input', { room: 'main', seq: 10, keys: KEY.right })
    ada.emit('input', { room: 'main', seq: 4, keys: KEY.right })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(arena.game.seat(ada.token)!.player).toMatchObject({ x: latest.x, ack: 10 })
  })

  it('shows each player the ping they measured', async () => {
    const { url } = await startArena()
    const ada = await player(url)
    const seat = await join(ada, 'main', 'Ada')
    const ack = await ada.request('ping', { rtt: 42 })
    expect(ack.tick).toBeGreaterThanOrEqual(0)
    const seen = recordSnapshots(ada)
    await until(
      () => seen.snapshots.at(-1)?.players.find((p) => p.slot === seat.slot)?.ping === 42,
      'the ping in a snapshot',
    )
  })

  it('keeps the seat, position and score of a player who comes back within the grace period; others see "reconnecting"', async () => {
    const { url, arena } = await startArena({ graceMs: 10_000 })
    const ada = await player(url)
    const bob = await player(url)
    const seat = await join(ada, 'main', 'Ada')
    await join(bob, 'main', 'Bob')
    const rosters: RosterEntry[][] = []
    bob.on('roster', ({ players }) => rosters.push(players))
    arena.game.seat(ada.token)!.player.score = 5

    // The network drops: the client's transport closes, socket.io-client reconnects with the same auth token.
    ada.raw.io.engine.close()
    await until(
      () => rosters.some((r) => r.find((p) => p.name === 'Ada')?.reconnecting === true),
      'bob to see ada reconnecting',
    )
    await until(() => ada.getSnapshot().status === 'connected', 'ada to reconnect')
    const back = await join(ada, 'main', 'Ada')
    expect(back).toMatchObject({ resumed: true, slot: seat.slot })
    expect(arena.game.seat(ada.token)!.player.score).toBe(5)
    await until(
      () => rosters.at(-1)?.find((p) => p.name === 'Ada')?.reconnecting === false,
      'bob to see ada back',
    )
  })

  it('removes a player whose grace period ends; coming back later is a new player', async () => {
    const { url, arena } = await startArena({ graceMs: 300 })
    const ada = await player(url)
    const bob = await player(url)
    await join(ada, 'main', 'Ada')
    await join(bob, 'main', 'Bob')
    const rosters: RosterEntry[][] = []
    bob.on('roster', ({ players }) => rosters.push(players))
    arena.game.seat(ada.token)!.player.score = 3
    ada.disconnect()
    await until(
      () => rosters.some((r) => r.find((p) => p.name === 'Ada')?.reconnecting === true),
      'ada reconnecting',
    )
    await until(() => rosters.at(-1)?.every((p) => p.name !== 'Ada') === true, 'ada to be removed')
    expect(arena.game.seat(ada.token)).toBeUndefined()
    ada.connect()
    await until(() => ada.getSnapshot().status === 'connected', 'ada to connect again')
    expect(await join(ada, 'main', 'Ada')).toMatchObject({ resumed: false, ack: 0 })
    expect(arena.game.seat(ada.token)!.player.score).toBe(0)
  })

  it('gives the seat to the newest connection of a token and closes the older one', async () => {
    const { url, arena } = await startArena()
    const first = await player(url)
    await join(first, 'main', 'Ada')
    const second = await player(url, first.token)
    expect(await join(second, 'main', 'Ada')).toMatchObject({ resumed: true })
    await until(() => first.getSnapshot().status === 'disconnected', 'the older connection to be closed')
    expect(arena.game.seat(first.token)!.player.socketId).toBe(second.raw.id)
    expect(arena.game.rooms.get('main')!.players.size).toBe(1)
  })

  it('refuses a handshake without a valid token', async () => {
    const { url } = await startArena()
    const socket = rawClient(url, {
      parser,
      transports: ['websocket'],
      reconnection: false,
      auth: { token: 'guess' },
    })
    onCleanup(() => socket.disconnect())
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    )
    expect(error.data?.code).toBe('UNAUTHORIZED')
  })
})
