// The one contract the chat server and the React client share: every payload is checked on both sides.
import { z } from 'zod'
import { defineContract } from '@volley/core'

/** Longest message, in characters. */
export const MAX_MESSAGE_LENGTH = 2000

/** The rooms everyone can join. */
export const ROOMS = [
  { id: 'general', name: 'general', topic: 'Company-wide chatter and announcements' },
  { id: 'random', name: 'random', topic: 'Links, jokes and everything else' },
  { id: 'help', name: 'help', topic: 'Ask anything, someone will answer' },
] as const

export const roomId = z.enum(ROOMS.map((room) => room.id) as [string, ...string[]])

export const messageText = z
  .string()
  .trim()
  .min(1, 'Message cannot be empty.')
  .max(
    MAX_MESSAGE_LENGTH,
    `Message is too long: ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters at most.`,
  )

export const user = z.object({ id: z.string(), name: z.string() })
export type User = z.infer<typeof user>

export const message = z.object({
  id: z.string(),
  room: z.string(),
  author: user,
  text: z.string(),
  at: z.number(),
  clientId: z.string().optional(),
})
export type Message = z.infer<typeof message>

export const roomSummary = z.object({ id: z.string(), name: z.string(), topic: z.string() })
export type RoomSummary = z.infer<typeof roomSummary>

/** What each connection present in a room carries: the name to show, and whether it is typing. */
export const presenceMeta = z.object({ name: z.string().min(1).max(32), typing: z.boolean() })
export type PresenceMeta = z.infer<typeof presenceMeta>

export const chat = defineContract({
  clientToServer: {
    'rooms:list': { payload: z.object({}), ack: z.object({ rooms: z.array(roomSummary) }) },
    /** `clientId` lets the sender match the published message to the bubble it shows while sending. */
    'message:send': {
      payload: z.object({ room: roomId, text: messageText, clientId: z.string().max(64) }),
      ack: message,
    },
    /** Which server process answers (a worker number when clustered), for the page and its tests. */
    'server:info': {
      payload: z.object({}),
      ack: z.object({ worker: z.number().int().nullable(), pid: z.number() }),
    },
  },
  serverToClient: {},
  subscriptions: {
    /** A room's messages: the history on subscribe, missed ones after a reconnect, then live ones. */
    'room:messages': { params: z.object({ room: roomId }), item: message },
  },
  presence: {
    /**
     * Who is in a room, across every server process: one member per signed-in user (the server keys
     * connections by user id), one meta per tab. Typing is part of the meta.
     */
    room: { params: z.object({ room: roomId }), meta: presenceMeta },
  },
})
