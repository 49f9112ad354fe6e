import { VolleyError } from '@volley/core'
import { createServer } from '@volley/core/server'
import { describe, expect, it, vi } from 'vitest'
import { createRouteHandler, parsePayload } from '../src/index'
import { contract } from './contract'
import { connect, onCleanup, outcome } from './helpers'

const post = (body: string, headers: Record<string, string> = {}): Request =>
  new Request('http://localhost/api/notes', { method: 'POST', body, headers })

const quiet = { logger: false } as const

describe('createRouteHandler', () => {
  it('passes the validated payload, the request and the route context; answers { ok: true, data }', async () => {
    const handler = vi.fn((payload: { text: string }) => ({ id: payload.text.length }))
    const route = createRouteHandler(contract, 'note', handler, quiet)
    const request = post(JSON.stringify({ text: 'hello', extra: 'stripped by the schema' }))
    const response = await route(request, { params: Promise.resolve({}) })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, data: { id: 5 } })
    expect(handler).toHaveBeenCalledWith({ text: 'hello' }, request, { params: expect.any(Promise) })
  })

  it('refuses a bad body with 400 and the same answer a socket client gets from the server', async () => {
    const io = createServer(contract, { logger: false })
    io.on('connection', (socket) => socket.on('note', ({ text }) => ({ id: text.length })))
    io.listen(0)
    onCleanup(() => io.close())
    const client = connect(
      contract,
      `http://127.0.0.1:${(io.raw.httpServer.address() as { port: number }).port}`,
    )
    expect(await outcome(client)).toBe('connected')
    const route = createRouteHandler(contract, 'note', () => ({ id: 1 }), quiet)
    for (const payload of [{ text: '' }, { text: 'x'.repeat(101) }, { text: 42 }, {}, 'text']) {
      const response = await route(post(JSON.stringify(payload)), undefined)
      expect(response.status).toBe(400)
      const overSocket: unknown = await client.raw.emitWithAck('note', payload)
      expect(await response.json()).toEqual(overSocket)
    }
  })

  it('refuses a body that is not JSON (400) or too large (413), before the handler runs', async () => {
    const handler = vi.fn(() => ({ id: 1 }))
    const route = createRouteHandler(contract, 'note', handler, { ...quiet, maxBodyBytes: 64 })
    const notJson = await route(post('{"text":'), undefined)
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The body of "note" is not valid JSON.' },
    })
    const tooLarge = await route(post(JSON.stringify({ text: 'x'.repeat(100) })), undefined)
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The body of "note" is larger than 64 bytes.' },
    })
    const declaredTooLarge = await route(post('{}', { 'content-length': '1000' }), undefined)
    expect(declaredTooLarge.status).toBe(413)
    expect((await declaredTooLarge.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(handler).not.toHaveBeenCalled()
  })

  it('answers a thrown VolleyError with its code and status, anything else with a generic 500', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() }
    const cases: [unknown, number, string][] = [
      [new VolleyError('UNAUTHORIZED', 'Sign in first.'), 401, 'UNAUTHORIZED'],
      [new VolleyError('RATE_LIMITED', 'Slow down.'), 429, 'RATE_LIMITED'],
      [new VolleyError('PAYLOAD_TOO_LARGE', 'At most 10 files.'), 413, 'PAYLOAD_TOO_LARGE'],
      [new Error('database password is hunter2'), 500, 'HANDLER_ERROR'],
    ]
    for (const [thrown, status, code] of cases) {
      const route = createRouteHandler(contract, 'note', () => Promise.reject(thrown), { logger })
      const response = await route(post('{"text":"hi"}'), undefined)
      expect(response.status).toBe(status)
      const body = await response.json()
      expect(body.error.code).toBe(code)
      expect(JSON.stringify(body)).not.toContain('hunter2')
    }
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error.mock.calls[0]?.[0]).toMatch(
      /^\[volley\] route handler for "note" \(POST \/api\/notes\) failed/,
    )
  })

  it("returns a handler's own Response, and lets Next's redirect()/notFound() errors through", async () => {
    const own = createRouteHandler(contract, 'note', () => new Response('created', { status: 201 }), quiet)
    const response = await own(post('{"text":"hi"}'), undefined)
    expect([response.status, await response.text()]).toEqual([201, 'created'])
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), {
      digest: 'NEXT_REDIRECT;replace;/login;307;',
    })
    const redirecting = createRouteHandler(contract, 'note', () => Promise.reject(redirect), quiet)
    await expect(redirecting(post('{"text":"hi"}'), undefined)).rejects.toBe(redirect)
  })

  it('refuses an event that is not in the contract', () => {
    expect(() => createRouteHandler(contract, 'nope' as never, (() => undefined) as never)).toThrow(
      '[volley] createRouteHandler: "nope" is not a clientToServer event of this contract.',
    )
  })
})

describe('parsePayload', () => {
  it('returns the parsed payload or throws VALIDATION_FAILED with issues', async () => {
    await expect(parsePayload(contract, 'note', { text: 'ok', more: 1 })).resolves.toEqual({ text: 'ok' })
    const error = await parsePayload(contract, 'note', { text: '' }).catch((e: unknown) => e)
    expect(VolleyError.is(error) && error.code).toBe('VALIDATION_FAILED')
    expect((error as VolleyError).issues).toEqual([{ message: expect.any(String), path: ['text'] }])
  })
})
