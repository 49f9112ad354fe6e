// Type-checked in every resolution mode (node10, node16 and nodenext as ESM and as CommonJS, bundler) with
// skipLibCheck off: the copies check.mts and check.cts are this file. Each @ts-expect-error line must be
// an error; if Volley's types failed to resolve (or became `any`) those lines would stop being errors.
import express from 'express'
import * as v from 'valibot'
import { z } from 'zod'
import { z as z3 } from 'zod3'
import { defineContract, VolleyError, type InferClientAck, type VolleyErrorCode } from '@volley/core'
import { createServer } from '@volley/core/server'
import { createClient } from '@volley/core/client'
import { getSession, listen, type BasicSession, type ListenResult } from '@volley/express'
import { createVolleyReact } from '@volley/react'
import { createVolleyVue } from '@volley/vue'

type Equal<TA, TB> = (<T>() => T extends TA ? 1 : 2) extends <T>() => T extends TB ? 1 : 2 ? true : false
/** `expectType<T>()(value)` compiles only when the value's type is exactly `T` (and not `any`). */
function expectType<TExpected>() {
  return function check<TActual>(
    _value: TActual,
    ..._proof: Equal<TActual, TExpected> extends true ? [] : [never]
  ) {}
}

const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
    typing: { payload: z.object({ room: z.string() }) },
  },
  serverToClient: {
    'message:new': {
      payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
    },
  },
})
const chatValibot = defineContract({
  clientToServer: {
    echo: { payload: v.object({ text: v.string() }), ack: v.object({ length: v.number() }) },
  },
  serverToClient: {},
})
const chatZod3 = defineContract({
  clientToServer: {
    echo: { payload: z3.object({ text: z3.string() }), ack: z3.object({ length: z3.number() }) },
  },
  serverToClient: {},
})

export async function server(): Promise<ListenResult> {
  const io = createServer(chat)
  io.on('connection', (socket) => {
    socket.on('message:send', ({ room, text }) => {
      expectType<string>()(room)
      io.to(room).emit('message:new', { id: 'm1', room, text, at: Date.now() })
      // @ts-expect-error `at` must be a number
      io.emit('message:new', { id: 'm1', room, text, at: 'now' })
      return { id: 'm1', at: 1 }
    })
    // @ts-expect-error not an event of the contract
    socket.on('message:delete', () => undefined)
    expectType<BasicSession | undefined>()(getSession(socket))
  })
  return listen(express(), io, 3000, '127.0.0.1')
}

export async function client(): Promise<void> {
  const socket = createClient(chat, 'http://localhost:3000')
  const ack = await socket.request('message:send', { room: 'lobby', text: 'hi' })
  expectType<{ id: string; at: number }>()(ack)
  expectType<InferClientAck<typeof chat, 'message:send'>>()(ack)
  // @ts-expect-error not an event of the contract
  await socket.request('message:edit', { room: 'lobby', text: 'hi' })
  // @ts-expect-error `room` must be a string
  await socket.request('message:send', { room: 1, text: 'hi' })
  // @ts-expect-error fire-and-forget payloads are typed too
  socket.emit('typing', {})
  socket.on('message:new', (message) =>
    expectType<{ id: string; room: string; text: string; at: number }>()(message),
  )
  try {
    expectType<{ length: number }>()(await createClient(chatValibot).request('echo', { text: 'a' }))
    expectType<{ length: number }>()(await createClient(chatZod3).request('echo', { text: 'a' }))
    // @ts-expect-error valibot payloads are typed
    await createClient(chatValibot).request('echo', { text: 1 })
    // @ts-expect-error zod 3 payloads are typed
    await createClient(chatZod3).request('echo', {})
  } catch (error) {
    if (error instanceof VolleyError) expectType<VolleyErrorCode>()(error.code)
  }
}

export function adapters(): void {
  const react = createVolleyReact(chat)
  const { send } = react.useRequest('message:send')
  send({ room: 'lobby', text: 'hi' })
  // @ts-expect-error not a request of the contract
  react.useRequest('typing')
  // @ts-expect-error `text` is missing
  send({ room: 'lobby' })
  react.useSocketEvent('message:new', (message) => expectType<string>()(message.text))
  const vue = createVolleyVue(chat)
  // @ts-expect-error not a server event
  vue.useSocketEvent('message:send', () => undefined)
  vue.useSocketEvent('message:new', (message) => expectType<number>()(message.at))
}
