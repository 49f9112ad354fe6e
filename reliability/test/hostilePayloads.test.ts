import { describe, expect, it } from 'vitest'
import { RawSocket } from '../src/wire/rawSocket'
import { goodClient, onCleanup, recordingLogger, REFUSAL_CODES, startTarget, watchUncaught } from './harness'

const nested = (depth: number): string => `${'['.repeat(depth)}0${']'.repeat(depth)}`

/**
 * Hostile payload shapes, as Socket.IO EVENT packets without the `42` prefix and ack id: `[event, ...args]`
 * written as JSON text, so that `__proto__` arrives as an own key, as it would from any client.
 */
const shapes: Record<string, string> = {
  'wrong types': `["message:send",{"room":1,"text":2}]`,
  'a string instead of an object': `["message:send","hello"]`,
  'a number instead of an object': `["message:send",42]`,
  null: `["message:send",null]`,
  'no payload': `["message:send"]`,
  'an array instead of an object': `["message:send",[1,2,3]]`,
  '__proto__ key': `["message:send",{"__proto__":{"polluted":true},"room":"r","text":""}]`,
  'constructor.prototype keys': `["message:send",{"constructor":{"prototype":{"polluted":true}},"room":"r"}]`,
  'oversize string': `["message:send",{"room":"r","text":"${'x'.repeat(300_000)}"}]`,
  'oversize key': `["message:send",{"${'k'.repeat(100_000)}":1,"room":"r","text":""}]`,
  '5,000-deep nesting': `["message:send",{"room":"r","text":${nested(5000)}}]`,
  'huge array': `["tags",[${Array.from({ length: 100_000 }, () => 1).join(',')}]]`,
  'huge array of wrong items': `["tags",[${Array.from({ length: 20_000 }, () => '{}').join(',')}]]`,
  'binary placeholder where JSON is expected': `["message:send",{"_placeholder":true,"num":0}]`,
  'extra arguments': `["message:send",{"room":"r","text":"t"},"extra",{"a":1}]`,
  'unknown event': `["nope",{}]`,
  'numeric event name': `[123,{}]`,
  'prototype-named events': `["__proto__",{}]`,
  'constructor event': `["constructor",{}]`,
  'toString event': `["toString",{}]`,
  'error event (CVE-2024-38355 shape)': `["error",{"message":"x"}]`,
  '100 KB event name': `["${'e'.repeat(100_000)}",{}]`,
  'fire-and-forget with wrong type': `["typing",{"room":["a"]}]`,
  'binary where JSON is expected': `["typing",{"room":{"_placeholder":true,"num":0}}]`,
}

describe('hostile payloads', () => {
  it('every shape is refused with a typed error: no crash, no invalid handler call, every ack answered, bounded logs', async () => {
    const uncaught = watchUncaught()
    const logger = recordingLogger()
    const { url, stats } = await startTarget({ logger })
    const good = await goodClient(url)
    const entries = Object.entries(shapes)
    let requests = 0
    let answered = 0
    // Each shape 20 times with an ack id, spread over sockets that stay under the escalation threshold.
    for (let round = 0; round < 4; round += 1) {
      const socket = await RawSocket.connect(url, { record: false })
      onCleanup(() => socket.close())
      await socket.join('/')
      const answers: Promise<unknown>[] = []
      for (let repeat = 0; repeat < 5; repeat += 1) {
        for (const [, packet] of entries) {
          const id = (requests += 1)
          answers.push(
            socket
              .next((frame) => frame.startsWith(`43${id}[`))
              .then((frame) => {
                answered += 1
                return JSON.parse(frame.slice(2 + String(id).length))[0]
              }),
          )
          socket.send(`42${id}${packet}`)
        }
      }
      for (const answer of await Promise.all(answers)) {
        expect(answer).toMatchObject({ ok: false, error: { code: expect.any(String) } })
        expect(REFUSAL_CODES).toContain((answer as { error: { code: string } }).error.code)
        expect(JSON.stringify(answer).length).toBeLessThan(2_500)
      }
    }
    // The same shapes without an ack id get no answer and reach no handler either.
    const silent = await RawSocket.connect(url, { record: false })
    onCleanup(() => silent.close())
    await silent.join('/')
    for (const [, packet] of entries) silent.send(`42${packet}`)
    await expect(good.request('message:send', { room: 'r', text: 'still served' })).resolves.toMatchObject({
      id: expect.any(String),
    })
    expect(answered).toBe(requests)
    expect(stats.invalid).toBe(0)
    expect(stats.calls).toBe(1)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(uncaught.count).toBe(0)
    for (const line of logger.lines) expect(line.length).toBeLessThanOrEqual(1_000)
    expect(logger.bytes() / (requests + entries.length)).toBeLessThan(20)
  })

  it('a valid request without an ack id runs its handler and gets no answer', async () => {
    const { url, stats } = await startTarget()
    const socket = await RawSocket.connect(url)
    onCleanup(() => socket.close())
    await socket.join('/')
    socket.send(`42["message:send",{"room":"r","text":"no ack"}]`)
    await expect(socket.request('ping')).resolves.toEqual({ ok: true, data: 'pong' })
    expect(stats).toEqual({ calls: 1, invalid: 0 })
    expect(socket.frames.filter((frame) => String(frame).startsWith('43'))).toHaveLength(1)
  })
})
