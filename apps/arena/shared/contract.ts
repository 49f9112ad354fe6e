// The arena's contract, imported by the server, the browser and the bots alike.
import { defineContract } from '@volley/core'
import { z } from 'zod'
import { decodeSnapshot, type Snapshot } from './snapshotCodec'
import { ALL_KEYS } from './rules'

export const roomId = z
  .string()
  .regex(/^[a-z0-9-]{1,24}$/, 'Room ids are 1 to 24 lowercase letters, digits or dashes.')
export const playerName = z
  .string()
  .trim()
  .min(1, 'Pick a name.')
  .max(16, 'Names have 16 characters at most.')
export const roomTitle = z
  .string()
  .trim()
  .min(1, 'Give the room a name.')
  .max(24, 'Room names have 24 characters at most.')

export const roomSummary = z.object({
  id: roomId,
  title: z.string(),
  players: z.number().int().min(0),
  max: z.number().int().min(1),
})
export type RoomSummary = z.infer<typeof roomSummary>

export const rosterEntry = z.object({
  slot: z.number().int().min(0).max(255),
  name: z.string(),
  reconnecting: z.boolean(),
})
export type RosterEntry = z.infer<typeof rosterEntry>

/** Why a join was refused: typed, so the lobby can say what to do (`switch (result.reason)`). */
export const joinRefusal = z.enum(['ROOM_FULL', 'NO_SUCH_ROOM'])
export type JoinRefusal = z.infer<typeof joinRefusal>

const joinResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('joined'),
    room: roomSummary,
    /** Your slot in the room (your id in snapshots). */
    slot: z.number().int().min(0),
    /** `true` when you came back within the grace period and kept your seat and score. */
    resumed: z.boolean(),
    /** The last input sequence number the server applied for you (`0` for a new player). */
    ack: z.number().int().min(0),
    roster: z.array(rosterEntry),
  }),
  z.object({ status: z.literal('refused'), reason: joinRefusal, message: z.string() }),
])
export type JoinResult = z.infer<typeof joinResult>

/** Largest input sequence number: an unsigned 32-bit integer, as in the snapshot's `ack`. */
export const MAX_SEQ = 0xffff_ffff

/**
 * A snapshot travels as bytes (see `snapshotCodec.ts`); the schema decodes them, so `client.on('snapshot')`
 * receives a typed `Snapshot`, and malformed bytes are refused like any invalid payload.
 */
export const snapshotPayload = z
  .custom<Uint8Array | ArrayBuffer>(
    (value) => value instanceof Uint8Array || value instanceof ArrayBuffer,
    'A snapshot is binary.',
  )
  .transform((bytes, context): Snapshot => {
    try {
      return decodeSnapshot(bytes)
    } catch (error) {
      context.issues.push({
        code: 'custom',
        message: `Malformed snapshot: ${(error as Error).message}`,
        input: bytes,
      })
      return z.NEVER
    }
  })

export const arena = defineContract({
  /** A random token the page keeps for its life: it identifies the player across reconnects. */
  auth: z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, 'The token is 32 hex digits.') }),
  clientToServer: {
    'rooms:list': { payload: z.undefined(), ack: z.object({ rooms: z.array(roomSummary) }) },
    'room:create': { payload: z.object({ title: roomTitle, name: playerName }), ack: joinResult },
    'room:join': { payload: z.object({ room: roomId, name: playerName }), ack: joinResult },
    'room:leave': { payload: z.undefined(), ack: z.object({ left: z.boolean() }) },
    /** Keys held for one input step (1/60 s), numbered from 1; sent only while a key is held. */
    input: {
      payload: z.object({
        room: roomId,
        seq: z.number().int().min(1).max(MAX_SEQ),
        keys: z.number().int().min(0).max(ALL_KEYS),
      }),
    },
    /** A round trip to measure the ping; carries the last one measured, which others see on the score board. */
    ping: {
      payload: z.object({ rtt: z.number().int().min(0).max(60_000).nullable() }),
      ack: z.object({ tick: z.number().int().min(0) }),
    },
  },
  serverToClient: {
    /** The rooms and their player counts, to the lobby, whenever they change. */
    'rooms:update': { payload: z.object({ rooms: z.array(roomSummary) }) },
    /** Who is in your room, whenever it changes (a join, a leave, a lost or restored connection). */
    roster: { payload: z.object({ room: roomId, players: z.array(rosterEntry) }) },
    /** The state of your room, every tick, as a volatile event. */
    snapshot: { payload: snapshotPayload },
  },
})
