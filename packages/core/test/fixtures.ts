import { z } from 'zod'
import { defineContract } from '../src/index'

/** The contract of DESIGN.md, plus a few events that exercise the edges. */
export const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
    typing: { payload: z.object({ room: z.string() }) },
    'room:join': { payload: z.object({ room: z.string() }), ack: z.object({ members: z.number() }) },
    echo: { payload: z.object({ data: z.unknown() }), ack: z.object({ data: z.unknown() }) },
    'file:upload': {
      payload: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }),
      ack: z.object({ size: z.number() }),
    },
    slow: { payload: z.object({ ms: z.number() }), ack: z.object({ done: z.boolean() }) },
    fail: { payload: z.object({ kind: z.enum(['volley', 'plain']) }), ack: z.object({ never: z.string() }) },
    ping: { payload: z.undefined(), ack: z.literal('pong') },
  },
  serverToClient: {
    'message:new': {
      payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
    },
    typing: { payload: z.object({ room: z.string(), user: z.string() }) },
    'file:echo': { payload: z.object({ bytes: z.instanceof(Uint8Array) }) },
    confirm: { payload: z.object({ question: z.string() }), ack: z.object({ yes: z.boolean() }) },
    tick: { payload: z.number() },
  },
})

export const authed = defineContract({
  clientToServer: { whoami: { payload: z.undefined(), ack: z.object({ user: z.string() }) } },
  serverToClient: {},
  auth: z.object({ token: z.string().min(3), user: z.string() }),
})

/** A value nested `depth` arrays deep. */
export function nested(depth: number): unknown {
  let value: unknown = 0
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** A contract with resumable subscriptions: a room's messages (replayed) and a document (snapshot). */
export const feed = defineContract({
  clientToServer: {
    post: { payload: z.object({ room: z.string(), n: z.number() }), ack: z.object({ cursor: z.string() }) },
    count: { payload: z.object({ n: z.number() }), ack: z.object({ n: z.number(), runs: z.number() }) },
  },
  serverToClient: {},
  subscriptions: {
    'room:messages': {
      params: z.object({ room: z.string().min(1) }),
      item: z.object({ room: z.string(), n: z.number() }),
    },
    doc: {
      params: z.object({ doc: z.string() }),
      item: z.object({ edit: z.string() }),
      snapshot: z.object({ text: z.string() }),
    },
  },
})

/** A contract with presence: who is in which room, with a name and a status each. */
export const lounge = defineContract({
  clientToServer: {
    enter: { payload: z.object({ room: z.string() }), ack: z.object({ count: z.number() }) },
  },
  serverToClient: {},
  auth: z.object({ user: z.string().min(1) }),
  presence: {
    room: {
      params: z.object({ room: z.string().min(1) }),
      meta: z.object({ name: z.string().min(1), status: z.enum(['online', 'away']) }),
    },
  },
})
