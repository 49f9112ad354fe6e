import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defineContract } from '../src/index'
import { connectClient, connected, startServer } from './helpers'

const math = defineContract({
  clientToServer: {
    add: { payload: v.object({ a: v.number(), b: v.number() }), ack: v.number() },
    shout: { payload: type({ text: 'string > 0' }), ack: type('string') },
  },
  serverToClient: {},
})

describe('other Standard Schema validators end to end', () => {
  it('valibot and arktype schemas validate on a real server and client', async () => {
    const { io, url } = await startServer(math)
    io.on('connection', (socket) => {
      socket.on('add', ({ a, b }) => a + b)
      socket.on('shout', ({ text }) => text.toUpperCase())
    })
    const client = connectClient(math, url)
    await connected(client)
    await expect(client.request('add', { a: 2, b: 3 })).resolves.toBe(5)
    await expect(client.request('shout', { text: 'hey' })).resolves.toBe('HEY')
    const reply = await client.raw.timeout(2000).emitWithAck('add', { a: 2, b: 'three' })
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: ['b'] }] },
    })
    const shout = await client.raw.timeout(2000).emitWithAck('shout', { text: '' })
    expect(shout).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: ['text'] }] },
    })
  })
})
