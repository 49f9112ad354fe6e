import { createServer } from '@volley/core/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createSessionCookie } from '../src/index'
import { withSession } from '../src/server/index'
import { contract } from './contract'
import { connect, onCleanup, outcome } from './helpers'

const secret = 'a test secret that is long enough to sign with'
const session = createSessionCookie({
  name: 'app.session',
  secret,
  schema: z.object({ id: z.string(), name: z.string() }),
})
const ada = { id: 'u1', name: 'Ada' }

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllEnvs()
})

describe('createSessionCookie', () => {
  it('seals and opens a session; a tampered, expired or off-schema value reads as none', async () => {
    const value = await session.seal(ada)
    await expect(session.open(value)).resolves.toEqual(ada)
    const [body, signature] = value.split('.') as [string, string]
    const forged = Buffer.from(
      JSON.stringify({ session: { id: 'u2', name: 'Eve' }, exp: Date.now() + 1e6 }),
    ).toString('base64url')
    await expect(session.open(`${forged}.${signature}`)).resolves.toBeUndefined()
    await expect(session.open(`${body}.${signature.slice(0, -2)}xx`)).resolves.toBeUndefined()
    await expect(session.open('garbage')).resolves.toBeUndefined()
    await expect(session.open(undefined)).resolves.toBeUndefined()
    const other = createSessionCookie({ secret: `${secret}!`, schema: z.object({ id: z.string() }) })
    await expect(other.open(value)).resolves.toBeUndefined()
    const offSchema = await createSessionCookie({ secret, schema: z.object({ id: z.number() }) }).seal({
      id: 1,
    })
    await expect(session.open(offSchema)).resolves.toBeUndefined()

    vi.useFakeTimers({ now: Date.now() })
    const expiring = await createSessionCookie({
      secret,
      schema: z.object({ id: z.string(), name: z.string() }),
      maxAge: 60,
    }).seal(ada)
    await expect(session.open(expiring)).resolves.toEqual(ada)
    vi.setSystemTime(Date.now() + 61_000)
    await expect(session.open(expiring)).resolves.toBeUndefined()
  })

  it("reads a Cookie header, Next's cookies(), a Request and a Node request", async () => {
    const value = await session.seal(ada)
    const header = `theme=dark; app.session=${encodeURIComponent(value)}; other=1`
    await expect(session.read(header)).resolves.toEqual(ada)
    await expect(
      session.read({ get: (name: string) => (name === 'app.session' ? { value } : undefined) }),
    ).resolves.toEqual(ada)
    await expect(
      session.read(new Request('http://localhost/', { headers: { cookie: header } })),
    ).resolves.toEqual(ada)
    await expect(session.read({ headers: { cookie: header } })).resolves.toEqual(ada)
    await expect(session.read('theme=dark')).resolves.toBeUndefined()
    await expect(session.read(undefined)).resolves.toBeUndefined()
  })

  it('sets cookie attributes, and explains a missing or short secret', async () => {
    expect(session.attributes).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
      maxAge: 604_800,
    })
    vi.stubEnv('SESSION_SECRET', '')
    const noSecret = createSessionCookie({ schema: z.object({}) })
    await expect(noSecret.seal({})).rejects.toThrow(
      /\[volley\] createSessionCookie\("session"\): the secret must be at least 32 characters; set SESSION_SECRET/,
    )
    vi.stubEnv('SESSION_SECRET', secret)
    await expect(noSecret.open(await noSecret.seal({}))).resolves.toEqual({})
  })
})

describe('withSession', () => {
  async function start() {
    const io = withSession(createServer(contract, { logger: false }), session, {
      message: 'Sign in to Launch Control.',
    })
    io.on('connection', (socket) => {
      socket.on('note', () => ({ id: socket.data.session.name.length }))
    })
    io.listen(0)
    onCleanup(() => io.close())
    return `http://127.0.0.1:${(io.raw.httpServer.address() as { port: number }).port}`
  }

  it('puts the session from the handshake cookie on socket.data', async () => {
    const url = await start()
    const client = connect(contract, url, { cookie: `app.session=${await session.seal(ada)}` })
    expect(await outcome(client)).toBe('connected')
    await expect(client.request('note', { text: 'hi' })).resolves.toEqual({ id: 3 })
  })

  it('refuses a socket without a session, or with a forged one, with UNAUTHORIZED', async () => {
    const url = await start()
    for (const headers of [undefined, { cookie: 'app.session=forged.value' }]) {
      const result = await outcome(connect(contract, url, headers))
      expect(result).not.toBe('connected')
      expect((result as { data?: unknown }).data).toEqual({
        code: 'UNAUTHORIZED',
        message: 'Sign in to Launch Control.',
      })
    }
  })

  it('takes any reader function, and refuses (and logs) when it throws', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() }
    const io = withSession(
      createServer(contract, { logger: false }),
      (request) => {
        if (request.headers['x-crash'] !== undefined) throw new Error('session store down')
        return request.headers['x-user'] === undefined
          ? undefined
          : { user: String(request.headers['x-user']) }
      },
      { logger },
    )
    io.on('connection', (socket) => socket.on('note', () => ({ id: socket.data.session.user.length })))
    io.listen(0)
    onCleanup(() => io.close())
    const url = `http://127.0.0.1:${(io.raw.httpServer.address() as { port: number }).port}`
    const ok = connect(contract, url, { 'x-user': 'grace' })
    await expect(ok.request('note', { text: 'hi' })).resolves.toEqual({ id: 5 })
    const crashed = await outcome(connect(contract, url, { 'x-crash': '1' }))
    expect((crashed as { data?: { code?: string } }).data?.code).toBe('UNAUTHORIZED')
    expect(logger.error).toHaveBeenCalledWith(
      '[volley] withSession: reading the session failed:',
      expect.any(Error),
    )
  })
})
