import { describe, expect, it } from 'vitest'
import { arena } from '../shared/contract'
import { decodeSnapshot, encodeSnapshot, snapshotSize, type Snapshot } from '../shared/snapshotCodec'

const snapshot: Snapshot = {
  tick: 123_456,
  players: [
    { slot: 0, reconnecting: false, x: 18, y: 982, score: 41, ping: 12, ack: 4_000_000_000 },
    { slot: 7, reconnecting: true, x: 1581.875, y: 500.125, score: 65_535, ping: 0, ack: 0 },
  ],
  orbs: [
    { x: 9, y: 9 },
    { x: 1591, y: 991 },
  ],
}

describe('snapshot codec', () => {
  it('round-trips a snapshot exactly, in 7 + 14 per player + 4 per orb bytes', () => {
    const bytes = encodeSnapshot(snapshot)
    expect(bytes.byteLength).toBe(snapshotSize(2, 2))
    expect(bytes.byteLength).toBe(7 + 2 * 14 + 2 * 4)
    expect(decodeSnapshot(bytes)).toEqual(snapshot)
    // As browsers receive it: an ArrayBuffer; and as Node does: a Buffer view into a larger buffer.
    expect(decodeSnapshot(bytes.slice().buffer)).toEqual(snapshot)
    const pool = Buffer.alloc(bytes.byteLength + 10)
    pool.set(bytes, 5)
    expect(decodeSnapshot(pool.subarray(5, 5 + bytes.byteLength))).toEqual(snapshot)
  })

  it('refuses values that do not fit their field instead of wrapping them', () => {
    const player = snapshot.players[0]!
    expect(() => encodeSnapshot({ ...snapshot, players: [{ ...player, x: 18.1 }] })).toThrow(
      'x = 18.1 does not fit a pos',
    )
    expect(() => encodeSnapshot({ ...snapshot, players: [{ ...player, score: 70_000 }] })).toThrow(RangeError)
    expect(() => encodeSnapshot({ ...snapshot, tick: -1 })).toThrow(RangeError)
  })

  it('refuses malformed bytes: truncated, padded, another version, a bad boolean', () => {
    const bytes = encodeSnapshot(snapshot)
    expect(() => decodeSnapshot(bytes.subarray(0, 5))).toThrow('at least 7 bytes')
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1))).toThrow('for 2 players and 2 orbs')
    expect(() => decodeSnapshot(new Uint8Array([...bytes, 0]))).toThrow(RangeError)
    const version = bytes.slice()
    version[0] = 2
    expect(() => decodeSnapshot(version)).toThrow('unknown snapshot version 2')
    const flag = bytes.slice()
    flag[7 + 1] = 2
    expect(() => decodeSnapshot(flag)).toThrow('not a boolean byte')
  })

  it('is decoded by the contract: the client gets a typed Snapshot, and malformed bytes fail validation', async () => {
    const schema = arena.serverToClient.snapshot.payload
    expect(await schema['~standard'].validate(encodeSnapshot(snapshot))).toEqual({ value: snapshot })
    const broken = await schema['~standard'].validate(new Uint8Array([1, 2, 3]))
    expect(broken.issues?.[0]?.message).toBe('Malformed snapshot: a snapshot has at least 7 bytes')
    const notBinary = await schema['~standard'].validate([0, {}])
    expect(notBinary.issues?.[0]?.message).toBe('A snapshot is binary.')
  })
})
