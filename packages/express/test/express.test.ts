import { describe, expect, it } from 'vitest'
import { getVolley } from '../src/index'
import { connect, login, outcome, startApp } from './fixtures'

describe('@volley/express', () => {
  it('puts the express-session user on the socket (websocket and polling)', async () => {
    const { url } = await startApp()
    const cookie = await login(url, 'ada')
    for (const transport of ['websocket', 'polling'] as const) {
      const client = connect(url, cookie, transport)
      expect(await outcome(client)).toBe('connected')
      await expect(client.request('whoami', {})).resolves.toEqual({ name: 'ada' })
      client.disconnect()
    }
  })

  it('refuses a socket without a session with UNAUTHORIZED on connect_error', async () => {
    const { url } = await startApp()
    const result = await outcome(connect(url))
    expect(result).not.toBe('connected')
    expect((result as Error & { data?: { code?: string; message?: string } }).data).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Sign in first.',
    })
  })

  it('refuses a forged cookie', async () => {
    const { url } = await startApp()
    const result = await outcome(connect(url, 'connect.sid=s%3Aforged.signature'))
    expect((result as Error & { data?: { code?: string } }).data?.code).toBe('UNAUTHORIZED')
  })

  it('lets a REST route emit a typed event that clients receive', async () => {
    const { url } = await startApp()
    const cookie = await login(url, 'grace')
    const client = connect(url, cookie)
    expect(await outcome(client)).toBe('connected')
    const received = new Promise((resolve) => client.on('notice', resolve))
    const response = await fetch(`${url}/notice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text: 'deploy done' }),
    })
    expect(response.status).toBe(204)
    await expect(received).resolves.toEqual({ text: 'deploy done', by: 'grace' })
  })

  it('serves REST and sockets on one port, and close() frees it', async () => {
    const { url, server } = await startApp()
    expect(url).toBe(`http://127.0.0.1:${server.port}`)
    const cookie = await login(url, 'linus')
    const client = connect(url, cookie)
    expect(await outcome(client)).toBe('connected')
    expect(client.raw.io.engine.transport.name).toBe('websocket')
    await server.close()
    expect(server.server.listening).toBe(false)
  })

  it('getVolley explains a missing volley(io) middleware', () => {
    expect(() => getVolley({ locals: {} })).toThrow(/app\.use\(volley\(io\)\)/)
  })
})
