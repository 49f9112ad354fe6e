import { describe, expect, it } from 'vitest'
import { io as rawClient, type Socket } from 'socket.io-client'
import { newToken } from '../src/connection'
import { parser } from '../shared/parser'
import { KEY } from '../shared/rules'
import { onCleanup, startArena, until } from './helpers'

/** A raw socket.io client with the arena's parser: it sends what the typed client would refuse to send. */
async function rawPlayer(url: string): Promise<{ socket: Socket; token: string }> {
  const token = newToken()
  const socket = rawClient(url, { parser, transports: ['websocket'], reconnection: false, auth: { token } })
  onCleanup(() => socket.disconnect())
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  return { socket, token }
}

const valid = { room: 'main', seq: 1, keys: KEY.right }

const invalid: [string, unknown, string][] = [
  ['seq as a string', { ...valid, seq: '1' }, 'VALIDATION_FAILED'],
  ['seq NaN', { ...valid, seq: Number.NaN }, 'VALIDATION_FAILED'],
  ['keys NaN', { ...valid, keys: Number.NaN }, 'VALIDATION_FAILED'],
  ['seq Infinity', { ...valid, seq: Number.POSITIVE_INFINITY }, 'VALIDATION_FAILED'],
  ['seq 1e300', { ...valid, seq: 1e300 }, 'VALIDATION_FAILED'],
  ['seq past 2^32 - 1', { ...valid, seq: 2 ** 32 }, 'VALIDATION_FAILED'],
  ['seq negative', { ...valid, seq: -1 }, 'VALIDATION_FAILED'],
  ['seq fractional', { ...valid, seq: 1.5 }, 'VALIDATION_FAILED'],
  ['keys out of range', { ...valid, keys: 16 }, 'VALIDATION_FAILED'],
  ['keys huge', { ...valid, keys: Number.MAX_SAFE_INTEGER }, 'VALIDATION_FAILED'],
  ['keys missing', { room: 'main', seq: 1 }, 'VALIDATION_FAILED'],
  ['room malformed', { ...valid, room: 'Main Arena!' }, 'VALIDATION_FAILED'],
  ['an array', [1, 2, 3], 'VALIDATION_FAILED'],
  ['a string', 'right', 'VALIDATION_FAILED'],
  ['null', null, 'VALIDATION_FAILED'],
  ['over maxBytes', { ...valid, padding: 'x'.repeat(200) }, 'PAYLOAD_TOO_LARGE'],
  ['unknown room', { ...valid, room: 'nowhere' }, 'UNAUTHORIZED'],
  ['a room the player is not in', { ...valid, room: 'training' }, 'UNAUTHORIZED'],
]

describe('invalid inputs', () => {
  it('are refused with a typed error and never touch the simulation', async () => {
    const { url, arena } = await startArena()
    const { socket, token } = await rawPlayer(url)
    const joined = (await socket.emitWithAck('room:join', { room: 'main', name: 'Mallory' })) as {
      ok: boolean
    }
    expect(joined.ok).toBe(true)
    const { game } = arena
    const state = () => {
      const { player } = game.seat(token)!
      return {
        x: player.x,
        y: player.y,
        ack: player.ack,
        queuedSeq: player.queuedSeq,
        queued: [...player.keys],
      }
    }
    const before = state()
    const ticksBefore = game.rooms.get('main')!.tick
    const received = game.inputsReceived

    for (const [what, payload, code] of invalid) {
      const answer = (await socket.emitWithAck('input', payload)) as { ok: boolean; error?: { code: string } }
      expect(answer, what).toMatchObject({ ok: false, error: { code } })
      socket.emit('input', payload) // fire and forget: dropped without an answer
    }
    // Two payload arguments, and no payload at all.
    expect(await socket.emitWithAck('input', valid, valid)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    expect(await socket.emitWithAck('input')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })

    // Ticks go on; nothing moved, nothing was queued or acknowledged, and only the two inputs for rooms the
    // player is not in (which passed the schema) reached the game, which turned them away.
    await until(() => game.rooms.get('main')!.tick >= ticksBefore + 5, 'five more ticks')
    expect(state()).toEqual(before)
    expect(game.inputsReceived - received).toBe(4)
    expect(arena.stats.refused).toMatchObject({
      VALIDATION_FAILED: 32,
      PAYLOAD_TOO_LARGE: 2,
      UNAUTHORIZED: 4,
    })

    // The player was not disconnected (fewer refusals than the escalation threshold): a valid input moves it.
    expect(socket.connected).toBe(true)
    socket.emit('input', valid)
    await until(() => game.seat(token)!.player.ack === 1, 'the valid input to be applied')
    expect(game.seat(token)!.player.x).toBeGreaterThan(before.x)
  })
})
