import { describe, expect, it } from 'vitest'
import { RawSocket } from '../src/wire/rawSocket'
import { goodClient, onCleanup, recordingLogger, sleep, startTarget } from './harness'

describe('heartbeat', () => {
  it('drops a client that stops answering pings after pingInterval + pingTimeout, and keeps one that answers', async () => {
    const { io, url } = await startTarget({ pingInterval: 200, pingTimeout: 1_000 })
    const reasons = new Map<string, string>()
    io.on('connection', (socket) => socket.on('disconnect', (reason) => void reasons.set(socket.id, reason)))
    const silent = await RawSocket.connect(url, { answerPings: false })
    const alive = await RawSocket.connect(url)
    onCleanup(() => alive.close())
    const silentId = JSON.parse((await silent.join('/')).slice(2)).sid as string
    await alive.join('/')
    const start = performance.now()
    await silent.closed
    const elapsed = performance.now() - start
    // Not a timing assertion: the drop happens after at least one ping went unanswered, and it happens.
    expect(elapsed).toBeGreaterThanOrEqual(1_100)
    expect(reasons.get(silentId)).toBe('ping timeout')
    await sleep(1_500)
    expect(alive.isOpen).toBe(true)
    await expect(alive.request('ping')).resolves.toEqual({ ok: true, data: 'pong' })
  })
})

describe('flood', () => {
  it('a flood of fire-and-forget events over a per-event limit is dropped silently, then disconnected; victims are served', async () => {
    const logger = recordingLogger()
    const { url, stats } = await startTarget({
      logger,
      limits: { events: { typing: { rate: { points: 60, duration: 1000 } } } },
    })
    const victims = await Promise.all([goodClient(url), goodClient(url), goodClient(url)])
    const flooder = await RawSocket.connect(url)
    await flooder.join('/')
    const frame = '42["typing",{"room":"r"}]'
    const start = performance.now()
    let sent = 0
    while (flooder.isOpen && sent < 50_000) {
      for (let i = 0; i < 500; i += 1, sent += 1) flooder.send(frame)
      await sleep(1)
    }
    await flooder.closed
    const seconds = (performance.now() - start) / 1000
    const told = flooder.frames.find((f) => String(f).startsWith('42["$volley:disconnect"'))
    expect(JSON.parse(String(told).slice(2))).toEqual([
      '$volley:disconnect',
      { code: 'RATE_LIMITED', message: 'Disconnected: more than 200 refused messages within 10000 ms.' },
    ])
    // Nothing was answered: fire-and-forget events over their limit are dropped.
    expect(flooder.frames.filter((f) => String(f).startsWith('43'))).toHaveLength(0)
    // The burst of 60, plus what the bucket refilled (60 per second) while the flood lasted.
    expect(stats.calls).toBeGreaterThanOrEqual(60)
    expect(stats.calls).toBeLessThanOrEqual(60 + Math.ceil(60 * seconds))
    expect(sent).toBeGreaterThan(260)
    expect(stats.invalid).toBe(0)
    for (const victim of victims) {
      await expect(victim.request('message:send', { room: 'r', text: 'hi' })).resolves.toMatchObject({
        id: expect.any(String),
      })
    }
    expect(logger.lines).toHaveLength(2)
    expect(logger.lines[0]).toMatch(/RATE_LIMITED: Too many "typing" events: at most 60 per 1000 ms/)
    expect(logger.lines[1]).toMatch(/disconnected: more than 200 refusals/)
  })
})
