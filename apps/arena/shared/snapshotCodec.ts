// The snapshot, the one message sent 30 times a second to every player: a binary record per player and per
// orb behind a small header. Layout (little-endian):
//
//   header  version u8 | tick u32 | players u8 | orbs u8                                  7 bytes
//   player  slot u8 | reconnecting bool | x pos | y pos | score u16 | ping u16 | ack u32  14 bytes each
//   orb     x pos | y pos                                                                  4 bytes each
//
// `ack` is the sequence number of the last input the server applied for that player: the player's own
// client drops the inputs up to it and replays the rest on top of the server's position.
import { layoutSize, readRecord, writeRecord, type InferLayout } from './binaryLayout'

export const SNAPSHOT_VERSION = 1

const headerLayout = { version: 'u8', tick: 'u32', players: 'u8', orbs: 'u8' } as const
const playerLayout = {
  slot: 'u8',
  reconnecting: 'bool',
  x: 'pos',
  y: 'pos',
  score: 'u16',
  ping: 'u16',
  ack: 'u32',
} as const
const orbLayout = { x: 'pos', y: 'pos' } as const

/** One player in a snapshot. */
export type SnapshotPlayer = InferLayout<typeof playerLayout>
/** One orb in a snapshot. */
export type SnapshotOrb = InferLayout<typeof orbLayout>
/** What the server sends each tick, decoded. */
export interface Snapshot {
  tick: number
  players: SnapshotPlayer[]
  orbs: SnapshotOrb[]
}

const HEADER = layoutSize(headerLayout)
const PLAYER = layoutSize(playerLayout)
const ORB = layoutSize(orbLayout)

/** The encoded size of a snapshot with this many players and orbs, in bytes. */
export function snapshotSize(players: number, orbs: number): number {
  return HEADER + players * PLAYER + orbs * ORB
}

/**
 * Encodes a snapshot.
 * @throws RangeError when a value does not fit its field (a server bug, never client input)
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const { players, orbs } = snapshot
  const bytes = new Uint8Array(snapshotSize(players.length, orbs.length))
  const view = new DataView(bytes.buffer)
  let offset = writeRecord(view, 0, headerLayout, {
    version: SNAPSHOT_VERSION,
    tick: snapshot.tick,
    players: players.length,
    orbs: orbs.length,
  })
  for (const player of players) offset = writeRecord(view, offset, playerLayout, player)
  for (const orb of orbs) offset = writeRecord(view, offset, orbLayout, orb)
  return bytes
}

/**
 * Decodes a snapshot as it arrives: a `Uint8Array` (a Node `Buffer`) or an `ArrayBuffer` (browsers).
 * @throws RangeError for anything that is not a well-formed snapshot of this version
 */
export function decodeSnapshot(data: Uint8Array | ArrayBuffer): Snapshot {
  const view =
    data instanceof ArrayBuffer
      ? new DataView(data)
      : new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (view.byteLength < HEADER) throw new RangeError(`a snapshot has at least ${HEADER} bytes`)
  const header = readRecord(view, 0, headerLayout)
  if (header.version !== SNAPSHOT_VERSION) throw new RangeError(`unknown snapshot version ${header.version}`)
  const expected = snapshotSize(header.players, header.orbs)
  if (view.byteLength !== expected) {
    throw new RangeError(`${view.byteLength} bytes for ${header.players} players and ${header.orbs} orbs`)
  }
  let offset = HEADER
  const players: SnapshotPlayer[] = []
  for (let i = 0; i < header.players; i++, offset += PLAYER)
    players.push(readRecord(view, offset, playerLayout))
  const orbs: SnapshotOrb[] = []
  for (let i = 0; i < header.orbs; i++, offset += ORB) orbs.push(readRecord(view, offset, orbLayout))
  return { tick: header.tick, players, orbs }
}
