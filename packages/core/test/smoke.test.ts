import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineContract } from '../src/index'
import { connectClient, connected, startServer } from './helpers'

const chat = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
    typing: { payload: z.object({ room: z.string() }) },
  },
  serverToClient: {
    'message:new': { payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }) },
  },
})

describe('round trip', () => {
  it('request resolves to the ack and broadcasts reach clients', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      socket.on('message:send', async ({ room, text }) => {
        const message = { id: 'm1', room, text, at: 1 }
        io.emit('message:new', message)
        return { id: message.id, at: message.at }
      })
    })
    const client = connectClient(chat, url)
    await connected(client)
    const received = new Promise((resolve) => client.on('message:new', resolve))
    await expect(client.request('message:send', { room: 'lobby', text: 'hi' })).resolves.toEqual({ id: 'm1', at: 1 })
    await expect(received).resolves.toEqual({ id: 'm1', room: 'lobby', text: 'hi', at: 1 })
  })
})
