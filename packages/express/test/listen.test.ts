import express from 'express'
import { describe, expect, it } from 'vitest'
import { createServer } from '@volley/core/server'
import { listen } from '../src/index'
import { chat } from './fixtures'

describe('listen', () => {
  it('says when it binds every interface (the default), and still gives a URL that works here', async () => {
    const server = await listen(express(), createServer(chat, { logger: false }), 0)
    try {
      expect(['::', '0.0.0.0']).toContain(server.address)
      expect(server.allInterfaces).toBe(true)
      expect(server.url).toBe(`http://localhost:${server.port}`)
      expect(server.summary).toBe(`http://localhost:${server.port} (all interfaces, port ${server.port})`)
      expect((await fetch(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`)).status).toBe(
        200,
      )
    } finally {
      await server.close()
    }
  })

  it('binds only the host given as the fourth argument', async () => {
    const server = await listen(express(), createServer(chat, { logger: false }), 0, '127.0.0.1')
    try {
      expect(server.address).toBe('127.0.0.1')
      expect(server.allInterfaces).toBe(false)
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      expect(server.summary).toBe(`http://127.0.0.1:${server.port} (127.0.0.1 only)`)
    } finally {
      await server.close()
    }
  })

  it('takes { port, host } too, and reports the port it got', async () => {
    const server = await listen(express(), createServer(chat, { logger: false }), { host: '127.0.0.1' })
    try {
      expect(server.port).toBeGreaterThan(0)
      expect(server.address).toBe('127.0.0.1')
    } finally {
      await server.close()
    }
  })
})
