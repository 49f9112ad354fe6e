import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, type VolleyError } from '../src/index'
import { MAX_LOG_LINE, RefusalLog } from '../src/refusalLog'
import { chat } from './fixtures'
import { rawConnected, recordingLogger, sleep, startServer, writeRaw } from './helpers'

const lines = (logger: { warnings: string[]; errors: string[] }): string[] => [
  ...logger.warnings,
  ...logger.errors,
]
const bytes = (logger: { warnings: string[]; errors: string[] }): number =>
  lines(logger).reduce((sum, line) => sum + line.length + 1, 0)

describe('logs: bounded and aggregated', () => {
  it('a 100 KB event name is neither echoed back nor logged in full', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', () => {})
    const socket = await rawConnected(url)
    const name = `evil${'x'.repeat(100_000)}`
    const reply = await socket.timeout(5000).emitWithAck(name, { a: 1 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } })
    expect(JSON.stringify(reply).length).toBeLessThan(300)
    expect(reply.error.message).toContain('…(+99940 chars)')
    expect(lines(logger)).toHaveLength(1)
    expect(bytes(logger)).toBeLessThan(400)
  })

  it('many refusals from one socket log one line per kind, then one summary with the count', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger, limits: { escalation: false } })
    io.on('connection', (socket) => socket.on('message:send', ({ text }) => ({ id: text, at: 1 })))
    const socket = await rawConnected(url)
    for (let i = 0; i < 1000; i++) writeRaw(socket, `2["message:send",{"room":${i},"text":"x"}]`)
    for (let i = 0; i < 500; i++) writeRaw(socket, `2["nope",${i}]`)
    await expect(
      socket.timeout(5000).emitWithAck('message:send', { room: 'r', text: 'ok' }),
    ).resolves.toEqual({ ok: true, data: { id: 'ok', at: 1 } })
    expect(logger.warnings).toHaveLength(2)
    expect(logger.warnings[0]).toMatch(/VALIDATION_FAILED: Invalid payload for "message:send" at room/)
    expect(logger.warnings[1]).toMatch(/UNKNOWN_EVENT: "nope" is not an event/)
    socket.disconnect()
    await vi.waitFor(() => expect(logger.warnings).toHaveLength(3))
    expect(logger.warnings[2]).toMatch(
      /socket \S+: 1,498 repeats in [\d.]+ s \(VALIDATION_FAILED ×999, UNKNOWN_EVENT ×499\)/,
    )
  })

  it('log bytes per refused message stay under a constant, whatever the hostile input', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', (socket) => {
      socket.on('message:send', () => ({ id: 'x', at: 1 }))
      socket.on('echo', (payload) => payload)
    })
    const hostile = [
      `2["message:send",{"room":1,"text":2}]`,
      `2["message:send",{"${'k'.repeat(50_000)}":1}]`,
      `2["${'n'.repeat(50_000)}",1]`,
      `2["echo",{"data":${'['.repeat(100)}${']'.repeat(100)}}]`,
      `2["message:send",{"room":"r","text":"t"},"extra"]`,
      `2["typing",{"room":"r"}]`,
      `2["message:send",[${Array.from({ length: 2000 }, (_, i) => i).join(',')}]]`,
    ]
    let sent = 0
    // Ten sockets, each refused until escalation disconnects it (200 refusals), then a few more.
    for (let s = 0; s < 10; s++) {
      const socket = await rawConnected(url)
      for (let i = 0; i < 250; i++, sent++) writeRaw(socket, hostile[i % hostile.length]!)
      await new Promise((resolve) => socket.once('disconnect', resolve))
    }
    await sleep(50)
    for (const line of lines(logger)) expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE)
    // Worst case (one message per socket) is MAX_LOG_LINE per message; a flood costs a few bytes each.
    expect(bytes(logger) / sent).toBeLessThan(10)
    expect(lines(logger).length).toBeLessThanOrEqual(10 * 7)
  })

  it('a sustained flood over the rate limit is logged once, not once per refilled token', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, {
      logger,
      rateLimit: { points: 5, duration: 100 },
      limits: { escalation: false },
    })
    let handled = 0
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: ++handled })))
    const socket = await rawConnected(url)
    // 1.2 s at ~2,000 messages per second against a refill of 50 per second: tokens refill dozens of times.
    for (let tick = 0; tick < 60; tick++) {
      for (let i = 0; i < 40; i++) writeRaw(socket, `2["room:join",{"room":"r"}]`)
      await sleep(20)
    }
    await sleep(150)
    await expect(socket.timeout(5000).emitWithAck('room:join', { room: 'r' })).resolves.toMatchObject({
      ok: true,
    })
    expect(handled).toBeGreaterThan(20)
    // One line when the flood starts (a summary follows only after 10 s or a disconnect).
    expect(logger.warnings.filter((line) => line.includes('RATE_LIMITED: '))).toHaveLength(1)
  })

  it('validation issues sent back and logged are capped', async () => {
    const strict = defineContract({
      clientToServer: { tags: { payload: z.array(z.string()), ack: z.number() } },
      serverToClient: {},
    })
    const logger = recordingLogger()
    const { io, url } = await startServer(strict, { logger })
    io.on('connection', (socket) => socket.on('tags', (tags) => tags.length))
    const socket = await rawConnected(url)
    const reply = await socket.timeout(5000).emitWithAck(
      'tags',
      Array.from({ length: 5000 }, (_, i) => i),
    )
    expect(reply.error.code).toBe('VALIDATION_FAILED')
    expect(reply.error.issues).toHaveLength(10)
    expect(reply.error.issues[9].message).toBe('…and 4991 more issues')
    expect(JSON.stringify(reply).length).toBeLessThan(2000)
    expect(bytes(logger)).toBeLessThan(400)
  })
})

describe('refusals: no stack traces', () => {
  it('wire refusals carry no stack; a failing handler keeps its own', async () => {
    const errors: VolleyError[] = []
    const { io, url } = await startServer(chat, {
      onError: (error) => void errors.push(error),
      rateLimit: { points: 3, duration: 60_000 },
    })
    io.on('connection', (socket) => {
      socket.on('message:send', () => ({ id: 'x', at: 1 }))
      socket.on('fail', () => {
        throw new Error('bug')
      })
    })
    const socket = await rawConnected(url)
    await socket.timeout(5000).emitWithAck('message:send', { room: 1 })
    await socket.timeout(5000).emitWithAck('nope', {})
    await socket.timeout(5000).emitWithAck('fail', { kind: 'plain' })
    await socket.timeout(5000).emitWithAck('message:send', { room: 'r', text: 't' })
    const codes = errors.map((error) => error.code)
    expect(codes).toEqual(['VALIDATION_FAILED', 'UNKNOWN_EVENT', 'HANDLER_ERROR', 'RATE_LIMITED'])
    for (const error of errors.filter((e) => e.code !== 'HANDLER_ERROR')) {
      expect(error.stack?.split('\n')).toHaveLength(1)
    }
    const cause = errors.find((error) => error.code === 'HANDLER_ERROR')?.cause as Error
    expect(cause.stack).toMatch(/\n\s+at /)
  })
})

describe('schemas run without stack traces', () => {
  it('a schema that throws still reports its error with a stack', async () => {
    const buggy = defineContract({
      clientToServer: {
        check: {
          payload: z.object({ n: z.number() }).refine(() => {
            throw new Error('schema bug')
          }),
          ack: z.boolean(),
        },
      },
      serverToClient: {},
    })
    const errors: VolleyError[] = []
    const { io, url } = await startServer(buggy, { onError: (error) => void errors.push(error) })
    io.on('connection', (socket) => socket.on('check', () => true))
    const socket = await rawConnected(url)
    const reply = await socket.timeout(5000).emitWithAck('check', { n: 1 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'HANDLER_ERROR' } })
    const cause = errors[0]?.cause as Error
    expect(cause.message).toBe('schema bug')
    expect(cause.stack).toMatch(/\n\s+at /)
  })
})

describe('RefusalLog budget', () => {
  afterEach(() => vi.restoreAllMocks())

  it('past a burst of 200 lines, lines are counted and reported once', async () => {
    const logger = recordingLogger()
    const log = new RefusalLog(logger, 50)
    for (let i = 0; i < 500; i++) log.write('warn', `line ${i}`)
    expect(logger.warnings).toHaveLength(200)
    await vi.waitFor(() => expect(logger.warnings).toHaveLength(201))
    expect(logger.warnings[200]).toMatch(/^\[volley\] 300 log lines were suppressed/)
  })

  it('the console logger writes nothing while stderr has more than 1 MiB waiting', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const log = new RefusalLog(console, 50)
    const backlog = vi.spyOn(process.stderr, 'writableLength', 'get').mockReturnValue(2 << 20)
    log.write('warn', 'while stderr is slow')
    expect(warn).not.toHaveBeenCalled()
    backlog.mockReturnValue(0)
    log.write('warn', 'once it drained')
    expect(warn).toHaveBeenCalledWith('once it drained')
  })
})
