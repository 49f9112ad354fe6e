import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, type VolleyError } from '../src/index'
import { MAX_LOG_LINE } from '../src/refusalLog'
import { chat } from './fixtures'
import { connectClient, connected, recordingLogger, startServer } from './helpers'

type Recorded = { warnings: string[]; errors: string[] }
const lines = (logger: Recorded): string[] => [...logger.warnings, ...logger.errors]
const bytes = (logger: Recorded): number => lines(logger).reduce((sum, line) => sum + line.length + 1, 0)

describe('client logs: bounded and aggregated (the server is a trust boundary too)', () => {
  it('10,000 invalid server events log a constant number of lines; valid events around them still arrive', async () => {
    const logger = recordingLogger()
    const errors: VolleyError[] = []
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { logger, onError: (error) => void errors.push(error) })
    await connected(client)
    const ticks: number[] = []
    const messages: string[] = []
    client.on('tick', (n) => void ticks.push(n))
    client.on('message:new', ({ text }) => void messages.push(text))

    // A buggy server (or a contract version skew) that sends what the contract does not allow, at volume.
    io.emit('tick', 1)
    for (let i = 0; i < 5_000; i++) {
      io.raw.emit('tick', `not a number ${i}`)
      io.raw.emit('message:new', { id: i, room: 'r', text: 't', at: 1 })
      if (i === 2_500) io.emit('tick', 2)
    }
    io.emit('message:new', { id: 'm', room: 'r', text: 'valid', at: 1 })
    io.emit('tick', 3)
    await vi.waitFor(() => expect(ticks).toEqual([1, 2, 3]), { timeout: 20_000 })
    expect(messages).toEqual(['valid'])
    // onError sees every failure; the log only the first of each kind.
    expect(errors).toHaveLength(10_000)
    expect(logger.warnings).toHaveLength(2)
    expect(logger.warnings[0]).toMatch(
      /^\[volley\] "tick" from the server: VALIDATION_FAILED: Invalid payload for "tick": .*\(repeats are counted, not logged\)$/,
    )
    expect(logger.warnings[1]).toMatch(
      /^\[volley\] "message:new" from the server: VALIDATION_FAILED: .* at id: /,
    )

    // The episode ends with the connection: one summary line with the counts.
    client.disconnect()
    expect(logger.warnings).toHaveLength(3)
    expect(logger.warnings[2]).toMatch(
      /^\[volley\] client \S+: 9,998 repeats in [\d.]+ s \(VALIDATION_FAILED "tick" ×4999, VALIDATION_FAILED "message:new" ×4999\), each kind logged once above\.$/,
    )
    expect(logger.errors).toEqual([])
    expect(bytes(logger)).toBeLessThan(1_000)
  }, 30_000)

  it('a new connection starts a new episode: its first refusal is logged again', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { logger })
    await connected(client)
    const ticks: number[] = []
    client.on('tick', (n) => void ticks.push(n))
    for (let i = 0; i < 100; i++) io.raw.emit('tick', 'bad')
    io.emit('tick', 1)
    await vi.waitFor(() => expect(ticks).toEqual([1]))
    client.disconnect()
    expect(logger.warnings).toHaveLength(2)
    expect(logger.warnings[1]).toMatch(/99 repeats .*\(VALIDATION_FAILED "tick" ×99\)/)
    client.connect()
    await connected(client)
    for (let i = 0; i < 100; i++) io.raw.emit('tick', 'bad')
    io.emit('tick', 2)
    await vi.waitFor(() => expect(ticks).toEqual([1, 2]))
    expect(logger.warnings).toHaveLength(3)
    expect(logger.warnings[2]).toMatch(/^\[volley\] "tick" from the server: VALIDATION_FAILED/)
    client.disconnect()
    expect(logger.warnings).toHaveLength(4)
  })

  it('untrusted text from the server is truncated before it is logged', async () => {
    const scores = defineContract({
      clientToServer: {},
      serverToClient: { scores: { payload: z.record(z.string(), z.number()) } },
    })
    const logger = recordingLogger()
    const { io, url } = await startServer(scores)
    const client = connectClient(scores, url, { logger })
    await connected(client)
    const received = vi.fn()
    client.on('scores', received)
    io.raw.emit('scores', { [`evil${'k'.repeat(100_000)}`]: 'not a number' })
    io.emit('scores', { ada: 3 })
    await vi.waitFor(() => expect(received).toHaveBeenCalledWith({ ada: 3 }))
    expect(logger.warnings).toHaveLength(1)
    expect(logger.warnings[0]).toContain('at evilkkk')
    expect(logger.warnings[0]).toContain('…(+99940 chars)')
    expect(logger.warnings[0]!.length).toBeLessThan(400)
    for (const line of lines(logger)) expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE)
  })

  it('a handler that keeps throwing is logged once per episode, with its error', async () => {
    const logger = recordingLogger()
    const causes: unknown[] = []
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, {
      logger: { ...logger, error: (line, cause) => void (logger.error(line), causes.push(cause)) },
    })
    await connected(client)
    let calls = 0
    client.on('tick', () => {
      calls += 1
      throw new Error('render bug')
    })
    for (let i = 0; i < 500; i++) io.emit('tick', i)
    await vi.waitFor(() => expect(calls).toBe(500))
    expect(logger.errors).toHaveLength(1)
    expect(logger.errors[0]).toMatch(/^\[volley\] handler "tick": The handler failed/)
    expect(causes).toEqual([new Error('render bug')])
    client.disconnect()
    expect(logger.warnings).toEqual([
      expect.stringMatching(/client \S+: 499 repeats in [\d.]+ s \(HANDLER_ERROR "tick" ×499\)/),
    ])
  })

  it('logger: false stays silent and onError still sees every failure', async () => {
    const onError = vi.fn()
    const warn = vi.spyOn(console, 'warn')
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { logger: false, onError })
    await connected(client)
    client.on('tick', () => {})
    for (let i = 0; i < 50; i++) io.raw.emit('tick', 'bad')
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(50))
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })
})
